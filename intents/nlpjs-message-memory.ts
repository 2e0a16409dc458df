/**
 * NLP.js remembers what it has processed, for speed:
 *  - each Nlu (one per language and domain) keeps the tokens of every message text it prepared, keyed by the
 *    text, until the first message that comes more than an hour after the memory was started;
 *  - each language's tokenizer does the same, keyed by the text;
 *  - each language's stemmer keeps every word it has stemmed, for as long as it lives.
 * The text has been redacted (privacy/), but it is still what a citizen wrote, and it must not outlive the
 * turn. `forgetMessages` empties these memories; call it after every message. NLP.js rebuilds them lazily.
 */

import { forgetStemmedWords } from '../text/forget-stemmed-words';

/** Throws when NLP.js is not built as described above, so an upgrade fails the tests rather than keeping text. */
function objectAt(value: unknown, key: string): object {
  const property: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  if (typeof property !== 'object' || property === null) throw new Error(`NLP.js internals changed: no ${key}`);
  return property;
}

/** The NLP.js memories that hold message text, found once per model. */
export interface NlpJsMessageMemory {
  /** Empties every memory of message text, words included. Safe while other messages are being processed. */
  forgetMessages(): void;
}

export function messageMemoryOf(nlp: object, languages: readonly string[]): NlpJsMessageMemory {
  const container = objectAt(nlp, 'container');
  const singleton = (name: string): object => objectAt(objectAt(objectAt(container, 'factory'), name), 'instance');
  const tokenizers = languages.map((language) => singleton(`tokenizer-${language}`));
  const stemmers = languages.map((language) => singleton(`stemmer-${language}`));
  stemmers.forEach((stemmer) => objectAt(stemmer, 'cache'));
  const nlus = Object.values(objectAt(objectAt(nlp, 'nluManager'), 'domainManagers')).flatMap((manager) =>
    Object.values(objectAt(manager, 'domains')).filter((nlu): nlu is object => typeof nlu === 'object' && nlu !== null),
  );
  return {
    forgetMessages() {
      for (const nlu of nlus) {
        // Created with the first message. Only its results are replaced: a message being prepared
        // meanwhile still reads the pipeline steps beside them.
        const memory: unknown = Reflect.get(nlu, 'cache');
        if (typeof memory === 'object' && memory !== null) Reflect.set(memory, 'results', {});
      }
      // The tokenizer builds a new memory when it has none.
      for (const tokenizer of tokenizers) Reflect.set(tokenizer, 'cache', undefined);
      stemmers.forEach(forgetStemmedWords);
    },
  };
}
