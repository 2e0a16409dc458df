import { z } from 'zod';
import type { AnalysedMessage } from './analysed-message';
import type { SparseVector } from './softmax-regression';

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
    const features = messageFeatures(message);
    const indices: number[] = [];
    const values: number[] = [];
    const kindsPresent: { start: number; norm: number }[] = [];
    for (const kind of KINDS) {
      const start = indices.length;
      let squares = 0;
      for (const [feature, count] of features[kind]) {
        const column = this.columns[kind].get(feature);
        if (column === undefined) continue;
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
}
