import { z } from 'zod';
import { characterGramsOf, type AnalysedMessage } from './analysed-message';
import type { SparseVector } from './softmax-regression';

/** A bound on the words FeatureVocabulary remembers (a few MB at most). */
const WORDS_REMEMBERED = 20_000;

/** Feature kinds, each weighed and normalised on its own so the many character n-grams do not drown the words. */
const KINDS = ['word', 'bigram', 'chars'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Raw features of a message, by kind: word stems (stop words too, since "hvordan" and "hvornår"
 * tell intents apart), neighbouring stem pairs, and character 3–5-grams of the topic words
 * (compounds, typos and inflections). Spelling is folded first (text-normalizer.ts).
 */
export function messageFeatures(message: AnalysedMessage): Record<Kind, ReadonlyMap<string, number>> {
  const word = new Map<string, number>();
  const bigram = new Map<string, number>();
  const { stems } = message;
  stems.forEach((stem, i) => {
    word.set(stem, (word.get(stem) ?? 0) + 1);
    if (i > 0) {
      const pair = `${stems[i - 1] as string} ${stem}`;
      bigram.set(pair, (bigram.get(pair) ?? 0) + 1);
    }
  });
  return { word, bigram, chars: message.characterGrams };
}

export const FeatureVocabularySchema = z.strictObject({
  /** `kind:feature` per column. */
  features: z.array(z.string()),
  /** Inverse document frequency per column. */
  idf: z.array(z.number()),
});
export type FeatureVocabularyData = z.infer<typeof FeatureVocabularySchema>;

/** The features seen in training, with their IDF; turns a message into a TF-IDF vector over them. */
export class FeatureVocabulary {
  /** Per kind, feature → column: a message's features are looked up as they are, without building `kind:feature`. */
  private readonly columns: Record<Kind, Map<string, number>>;
  /**
   * Word → the columns of its character n-grams, in counting order: one lookup per word instead of
   * one per n-gram (a dozen or more a word, each a miss in a big table). Remembered only for words
   * whose stem was in the training sentences, so what citizens type beyond that is not kept.
   */
  private readonly charColumnsOfWord = new Map<string, readonly number[]>();

  constructor(readonly data: FeatureVocabularyData) {
    this.columns = { word: new Map(), bigram: new Map(), chars: new Map() };
    data.features.forEach((key, column) => {
      const colon = key.indexOf(':');
      this.columns[key.slice(0, colon) as Kind].set(key.slice(colon + 1), column);
    });
  }

  static fromMessages(messages: readonly AnalysedMessage[]): FeatureVocabulary {
    const documentFrequency = new Map<string, number>();
    for (const message of messages) {
      const features = messageFeatures(message);
      for (const kind of KINDS)
        for (const feature of features[kind].keys()) {
          const key = `${kind}:${feature}`;
          documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
        }
    }
    const features = [...documentFrequency.keys()];
    const idf = features.map(
      (key) => Math.log((messages.length + 1) / ((documentFrequency.get(key) as number) + 1)) + 1,
    );
    return new FeatureVocabulary({ features, idf });
  }

  get size(): number {
    return this.data.idf.length;
  }

  /** Sublinear TF × IDF per kind, each kind L2-normalised and the whole scaled to length 1; unseen features dropped. */
  vectorise(message: AnalysedMessage): SparseVector {
    // Counted by column, in order of first appearance: the order of messageFeatures, unseen features left out.
    const counts: Record<Kind, Map<number, number>> = { word: new Map(), bigram: new Map(), chars: new Map() };
    const tally = (kind: Kind, column: number | undefined) => {
      if (column !== undefined) counts[kind].set(column, (counts[kind].get(column) ?? 0) + 1);
    };
    const { words, stems, isTopicWord } = message;
    stems.forEach((stem, i) => {
      tally('word', this.columns.word.get(stem));
      if (i > 0) tally('bigram', this.columns.bigram.get(`${stems[i - 1] as string} ${stem}`));
    });
    words.forEach((word, i) => {
      if (!isTopicWord[i]) return;
      for (const column of this.charColumnsOf(word, this.columns.word.has(stems[i] as string))) tally('chars', column);
    });
    const indices: number[] = [];
    const values: number[] = [];
    const kindsPresent: { start: number; norm: number }[] = [];
    for (const kind of KINDS) {
      const start = indices.length;
      let squares = 0;
      for (const [column, count] of counts[kind]) {
        const value = (1 + Math.log(count)) * (this.data.idf[column] as number);
        indices.push(column);
        values.push(value);
        squares += value * value;
      }
      if (squares > 0) kindsPresent.push({ start, norm: Math.sqrt(squares) });
    }
    const share = 1 / Math.sqrt(kindsPresent.length);
    kindsPresent.forEach(({ start, norm }, k) => {
      const end = kindsPresent[k + 1]?.start ?? indices.length;
      for (let i = start; i < end; i += 1) values[i] = ((values[i] as number) / norm) * share;
    });
    return { indices, values };
  }

  private charColumnsOf(word: string, remember: boolean): readonly number[] {
    const remembered = this.charColumnsOfWord.get(word);
    if (remembered) return remembered;
    const columns: number[] = [];
    for (const gram of characterGramsOf(word)) {
      const column = this.columns.chars.get(gram);
      if (column !== undefined) columns.push(column);
    }
    if (remember && this.charColumnsOfWord.size < WORDS_REMEMBERED) this.charColumnsOfWord.set(word, columns);
    return columns;
  }
}
