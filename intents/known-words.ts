import { z } from 'zod';
import { isTagged } from './is-tagged';
import type { Language } from '../text/language';
import { stemWord } from '../text/stemmers';
import type { AnalysedMessage } from './analysed-message';
import { NONE_INTENT, type TrainingCorpus } from './training-corpus';
import { wordTokens } from '../text/word-tokens';
import { withinOneEdit } from '../text/one-edit';

const setOf = () => z.custom<ReadonlySet<string>>((value) => isTagged(value, 'Set'), 'expected a Set');
const mapOf = () =>
  z.custom<ReadonlyMap<string, readonly string[]>>((value) => isTagged(value, 'Map'), 'expected a Map');
/** Checked by shape only: it comes from this program's own worker or store (see character-ngram-model.ts). */
export const KnownWordsDataSchema = z.strictObject({
  stems: z.strictObject({ da: setOf(), en: setOf() }),
  byDeletion: z.strictObject({ da: mapOf(), en: mapOf() }),
});
export type KnownWordsData = z.infer<typeof KnownWordsDataSchema>;

/**
 * How much of a message the model has seen in its in-scope training sentences. A message
 * whose topic words are all unknown ("hvad er vejret i morgen") must not be answered from an
 * intent however the network scores it. Words one typo away from a known word count as known.
 */
export class KnownWords {
  private readonly stems: Record<Language, ReadonlySet<string>>;
  /**
   * Each known stem under every form it takes with one letter deleted. Two words one edit apart
   * share such a form (or one is the other's), so a typo is looked up, not compared with every stem.
   */
  private readonly byDeletion: Record<Language, ReadonlyMap<string, readonly string[]>>;

  private constructor(data: KnownWordsData) {
    this.stems = data.stems;
    this.byDeletion = data.byDeletion;
  }

  static fromCorpus(corpus: TrainingCorpus): KnownWords {
    const stems: Record<Language, Set<string>> = { da: new Set(), en: new Set() };
    const byDeletion: Record<Language, Map<string, string[]>> = { da: new Map(), en: new Map() };
    for (const language of ['da', 'en'] as const) {
      for (const example of corpus[language]) {
        if (example.intent === NONE_INTENT) continue;
        for (const word of wordTokens(example.text)) stems[language].add(stemWord(word, language));
      }
      for (const known of stems[language]) {
        for (const variant of oneDeletion(known)) {
          const list = byDeletion[language].get(variant);
          if (list) list.push(known);
          else byDeletion[language].set(variant, [known]);
        }
      }
    }
    return new KnownWords({ stems, byDeletion });
  }

  /** From `data` built elsewhere (a training worker, a stored model). */
  static fromData(data: KnownWordsData): KnownWords {
    return new KnownWords(data);
  }

  /** Plain data (sets and maps), for a worker's message or v8 serialisation. */
  get data(): KnownWordsData {
    return { stems: this.stems, byDeletion: this.byDeletion };
  }

  /** Share (0–1) of the message's topic words that are known; 1 when it has no topic words. */
  coverage(message: AnalysedMessage): number {
    const { words, stems, isTopicWord, language } = message;
    let topicWords = 0;
    let known = 0;
    words.forEach((word, i) => {
      if (!isTopicWord[i] || /^\d+$/.test(word)) return;
      topicWords += 1;
      if (this.isKnown(stems[i] as string, language)) known += 1;
    });
    return topicWords === 0 ? 1 : known / topicWords;
  }

  private isKnown(stemmed: string, language: Language): boolean {
    if (this.stems[language].has(stemmed)) return true;
    if (stemmed.length < 5) return false;
    const candidates = [stemmed, ...oneDeletion(stemmed)].flatMap((variant) => [
      ...(this.byDeletion[language].get(variant) ?? []),
      ...(this.stems[language].has(variant) ? [variant] : []),
    ]);
    return candidates.some((candidate) => withinOneEdit(candidate, stemmed));
  }
}

/** The word with each one of its letters left out. */
function oneDeletion(word: string): string[] {
  return Array.from(word, (_, i) => word.slice(0, i) + word.slice(i + 1));
}
