import { z } from 'zod';
import { isTagged } from './is-tagged';
import type { Language } from '../text/language';
import type { TrainingCorpus } from './training-corpus';
import { wordTokens } from '../text/word-tokens';

// Common function words, so a message outside the training vocabulary still shows its language.
const FUNCTION_WORDS: Record<Language, string> = {
  da: 'jeg du han hun vi de det den er var har hvad hvor hvordan hvornår hvorfor hvem kan skal vil må ikke og eller men mit min mine dit din til fra med om på af for hos ved også nu så lige gerne hej tak nej ja',
  en: 'i you he she we they it the a an is are was were have has what where how when why who can could should would will must not and or but my mine your to from with about on of for at also now so please hi thanks no yes do does did',
};

const setOf = () => z.custom<ReadonlySet<string>>((value) => isTagged(value, 'Set'), 'expected a Set');
/** Checked by shape only: it comes from this program's own worker or store (see character-ngram-model.ts). */
export const LanguageDetectorDataSchema = z.strictObject({ da: setOf(), en: setOf() });
export type LanguageDetectorData = z.infer<typeof LanguageDetectorDataSchema>;

/**
 * Decides whether a citizen clearly writes the other language. Trigram detectors are unreliable on
 * two-to-eight-word chat messages ("i lost my yellow card" looks Danish to them); counting words that
 * only one language's training sentences and function words contain is not.
 */
export class LanguageDetector {
  private constructor(private readonly vocabulary: LanguageDetectorData) {}

  static fromCorpus(corpus: TrainingCorpus): LanguageDetector {
    const vocabulary: Record<Language, Set<string>> = { da: new Set(), en: new Set() };
    for (const language of ['da', 'en'] as const) {
      for (const word of wordTokens(FUNCTION_WORDS[language])) vocabulary[language].add(word);
      for (const example of corpus[language])
        for (const word of wordTokens(example.text)) vocabulary[language].add(word);
    }
    return new LanguageDetector(vocabulary);
  }

  /** From `data` built elsewhere (a training worker, a stored model). */
  static fromData(data: LanguageDetectorData): LanguageDetector {
    return new LanguageDetector(data);
  }

  /** Each language's words, for a worker's message or v8 serialisation. */
  get data(): LanguageDetectorData {
    return this.vocabulary;
  }

  /** The language to answer in: `current` unless the message clearly is in the other one. */
  languageFor(text: string, current: Language): Language {
    return this.languageOfWords(wordTokens(text), current);
  }

  /** As `languageFor`, for a message already split into words (wordTokens). */
  languageOfWords(words: readonly string[], current: Language): Language {
    const other: Language = current === 'da' ? 'en' : 'da';
    let currentWords = 0;
    let otherWords = 0;
    for (const word of words) {
      const inCurrent = this.vocabulary[current].has(word);
      const inOther = this.vocabulary[other].has(word);
      if (inCurrent && !inOther) currentWords += 1;
      if (inOther && !inCurrent) otherWords += 1;
    }
    return otherWords >= 2 && otherWords > 2 * currentWords ? other : current;
  }
}
