import type { KnowledgeSource } from '../dialogue/live-knowledge';

/**
 * The same knowledge source, with each classification timed. Everything is read from `source` at
 * call time, so a version switch (a new classifier) and `during` (a turn's snapshot) work as before;
 * a source without `during` simply runs the turn.
 */
export function timedClassification(source: KnowledgeSource, observe: (seconds: number) => void): KnowledgeSource {
  return {
    get knowledge() {
      return source.knowledge;
    },
    get guides() {
      return source.guides;
    },
    classifier: {
      async classify(text, language) {
        const started = process.hrtime.bigint();
        try {
          return await source.classifier.classify(text, language);
        } finally {
          observe(Number(process.hrtime.bigint() - started) / 1e9);
        }
      },
    },
    during: <T>(turn: () => Promise<T>): Promise<T> => (source.during ? source.during(turn) : turn()),
  };
}
