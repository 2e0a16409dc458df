import { StemmerDa } from '@nlpjs/lang-da';
import { StemmerEn } from '@nlpjs/lang-en';
import { z } from 'zod';
import type { Language } from '../text/language';
import type { SparseVector } from './softmax-regression';
import { isStopWord } from '../text/stop-words';
import { wordTokens } from '../text/word-tokens';

const stemmers: Record<Language, { stemWord(word: string): string }> = { da: new StemmerDa(), en: new StemmerEn() };
const MIN_GRAM = 3;
const MAX_GRAM = 5;

/** Feature kinds, each weighed and normalised on its own so the many character n-grams do not drown the words. */
const KINDS = ['word', 'bigram', 'chars'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Raw features of a message, by kind: word stems (stop words too, since "hvordan" and "hvornår"
 * tell intents apart), neighbouring stem pairs, and character 3–5-grams of the topic words
 * (compounds, typos and inflections). Spelling is folded first (text-normalizer.ts).
 */
export function messageFeatures(text: string, language: Language): Record<Kind, Map<string, number>> {
  const features: Record<Kind, Map<string, number>> = { word: new Map(), bigram: new Map(), chars: new Map() };
  const count = (kind: Kind, feature: string) => features[kind].set(feature, (features[kind].get(feature) ?? 0) + 1);
  const words = wordTokens(text);
  const stems = words.map((word) => stemmers[language].stemWord(word));
  stems.forEach((stem, i) => {
    count('word', stem);
    if (i > 0) count('bigram', `${stems[i - 1]} ${stem}`);
  });
  for (const word of words) {
    if (isStopWord(word, language)) continue;
    const padded = ` ${word} `;
    for (let n = MIN_GRAM; n <= MAX_GRAM; n += 1)
      for (let i = 0; i + n <= padded.length; i += 1) count('chars', padded.slice(i, i + n));
  }
  return features;
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
  private readonly columns: Map<string, number>;

  constructor(readonly data: FeatureVocabularyData) {
    this.columns = new Map(data.features.map((feature, column) => [feature, column]));
  }

  static fromTexts(texts: readonly string[], language: Language): FeatureVocabulary {
    const documentFrequency = new Map<string, number>();
    for (const text of texts) {
      const features = messageFeatures(text, language);
      for (const kind of KINDS)
        for (const feature of features[kind].keys()) {
          const key = `${kind}:${feature}`;
          documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
        }
    }
    const features = [...documentFrequency.keys()];
    const idf = features.map((key) => Math.log((texts.length + 1) / ((documentFrequency.get(key) as number) + 1)) + 1);
    return new FeatureVocabulary({ features, idf });
  }

  get size(): number {
    return this.data.idf.length;
  }

  /** Sublinear TF × IDF per kind, each kind L2-normalised and the whole scaled to length 1; unseen features dropped. */
  vectorise(text: string, language: Language): SparseVector {
    const features = messageFeatures(text, language);
    const indices: number[] = [];
    const values: number[] = [];
    const kindsPresent: { start: number; norm: number }[] = [];
    for (const kind of KINDS) {
      const start = indices.length;
      let squares = 0;
      for (const [feature, count] of features[kind]) {
        const column = this.columns.get(`${kind}:${feature}`);
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
