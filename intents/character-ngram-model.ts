import type { Language } from '../text/language';
import type { RankedIntent } from './ranked-intent';
import { isStopWord } from '../text/stop-words';
import type { TrainingCorpus } from './training-corpus';
import { wordTokens } from '../text/word-tokens';

const MIN_GRAM = 3;
const MAX_GRAM = 5;

type SparseVector = Map<string, number>;

interface Posting {
  readonly example: number;
  readonly weight: number;
}

interface LanguageIndex {
  readonly idf: Map<string, number>;
  /** n-gram → the training sentences that contain it, with its weight there. */
  readonly postings: Map<string, Posting[]>;
  readonly intentOfExample: string[];
  /** Per intent: the normalised sum of its sentences' vectors. */
  readonly centroids: Map<string, SparseVector>;
}

/**
 * Intent similarity over character n-grams (TF-IDF, cosine). It complements NLP.js's word-level
 * network where Danish is hard for word features: compounds ("familielæge" shares "læge"),
 * typos ("lægge"), inflections and words never seen in training.
 */
export class CharacterNgramModel {
  private readonly index: Record<Language, LanguageIndex>;

  constructor(corpus: TrainingCorpus) {
    this.index = { da: buildIndex(corpus.da, 'da'), en: buildIndex(corpus.en, 'en') };
  }

  /** Per intent, the cosine similarity to its closest training sentence; best first. */
  rankNearest(text: string, language: Language): RankedIntent[] {
    const { idf, postings, intentOfExample } = this.index[language];
    const dot = new Map<number, number>();
    for (const [gram, weight] of weigh(ngramCounts(text, language), idf)) {
      for (const posting of postings.get(gram) ?? []) dot.set(posting.example, (dot.get(posting.example) ?? 0) + weight * posting.weight);
    }
    const best = new Map<string, number>();
    for (const [example, similarity] of dot) {
      const intent = intentOfExample[example] as string;
      if (similarity > (best.get(intent) ?? 0)) best.set(intent, similarity);
    }
    return sortedRanking(best);
  }

  /** Per intent, the cosine similarity to the centre of all its training sentences; best first. */
  rankByCentroid(text: string, language: Language): RankedIntent[] {
    const { idf, centroids } = this.index[language];
    const query = weigh(ngramCounts(text, language), idf);
    const scores = new Map<string, number>();
    for (const [intent, centroid] of centroids) {
      let dot = 0;
      for (const [gram, weight] of query) dot += weight * (centroid.get(gram) ?? 0);
      if (dot > 0) scores.set(intent, dot);
    }
    return sortedRanking(scores);
  }
}

function buildIndex(examples: TrainingCorpus['da'], language: Language): LanguageIndex {
  const counts = examples.map((e) => ngramCounts(e.text, language));
  const documentFrequency = new Map<string, number>();
  for (const grams of counts) for (const gram of grams.keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [gram, df] of documentFrequency) idf.set(gram, Math.log((examples.length + 1) / (df + 1)) + 1);

  const postings = new Map<string, Posting[]>();
  const sums = new Map<string, SparseVector>();
  counts.forEach((grams, example) => {
    const intent = examples[example]?.intent as string;
    let sum = sums.get(intent);
    if (!sum) sums.set(intent, (sum = new Map<string, number>()));
    for (const [gram, weight] of weigh(grams, idf)) {
      let list = postings.get(gram);
      if (!list) postings.set(gram, (list = []));
      list.push({ example, weight });
      sum.set(gram, (sum.get(gram) ?? 0) + weight);
    }
  });
  const centroids = new Map<string, SparseVector>();
  for (const [intent, sum] of sums) centroids.set(intent, normalised(sum));
  return { idf, postings, intentOfExample: examples.map((e) => e.intent), centroids };
}

/** Character n-grams of the topic words, each word padded so its start and end are features too. */
function ngramCounts(text: string, language: Language): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of wordTokens(text)) {
    if (isStopWord(word, language)) continue;
    const padded = ` ${word} `;
    for (let n = MIN_GRAM; n <= MAX_GRAM; n += 1) {
      for (let i = 0; i + n <= padded.length; i += 1) {
        const gram = padded.slice(i, i + n);
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** Sublinear TF × IDF, L2-normalised; n-grams unseen in training carry no weight. */
function weigh(counts: Map<string, number>, idf: Map<string, number>): SparseVector {
  const vector: SparseVector = new Map();
  for (const [gram, count] of counts) {
    const weight = (1 + Math.log(count)) * (idf.get(gram) ?? 0);
    if (weight > 0) vector.set(gram, weight);
  }
  return normalised(vector);
}

function normalised(vector: SparseVector): SparseVector {
  let norm = 0;
  for (const weight of vector.values()) norm += weight * weight;
  norm = Math.sqrt(norm);
  const result: SparseVector = new Map();
  if (norm === 0) return result;
  for (const [gram, weight] of vector) result.set(gram, weight / norm);
  return result;
}

function sortedRanking(scores: Map<string, number>): RankedIntent[] {
  return [...scores.entries()].map(([intent, score]) => ({ intent, score })).sort((a, b) => b.score - a.score);
}
