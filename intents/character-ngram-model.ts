import type { Language } from '../text/language';
import type { RankedIntent } from './ranked-intent';
import { isStopWord } from '../text/stop-words';
import type { TrainingCorpus } from './training-corpus';
import { wordTokens } from '../text/word-tokens';

const MIN_GRAM = 3;
const MAX_GRAM = 5;

type SparseVector = Map<string, number>;

/** Parallel arrays: the training sentences (or intents) that contain an n-gram, with its weight there. */
interface Postings {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
}

interface LanguageIndex {
  readonly idf: Map<string, number>;
  /** n-gram → the training sentences that contain it. */
  readonly sentencePostings: Map<string, Postings>;
  readonly intentOfSentence: Int32Array;
  readonly sentenceCount: number;
  /** n-gram → the intents whose centroid (normalised sum of its sentences' vectors) contains it. */
  readonly centroidPostings: Map<string, Postings>;
  readonly intents: readonly string[];
}

/**
 * Intent similarity over character n-grams (TF-IDF, cosine). It complements NLP.js's word-level
 * network where Danish is hard for word features: compounds ("familielæge" shares "læge"),
 * typos ("lægge"), inflections and words never seen in training. Inverted indexes in typed
 * arrays keep a message well under a millisecond.
 */
export class CharacterNgramModel {
  private readonly index: Record<Language, LanguageIndex>;

  constructor(corpus: TrainingCorpus) {
    this.index = { da: buildIndex(corpus.da, 'da'), en: buildIndex(corpus.en, 'en') };
  }

  /** Per intent, the cosine similarity to its closest training sentence; best first. */
  rankNearest(text: string, language: Language): RankedIntent[] {
    const { idf, sentencePostings, intentOfSentence, sentenceCount, intents } = this.index[language];
    const dot = new Float64Array(sentenceCount);
    for (const [gram, weight] of weigh(ngramCounts(text, language), idf))
      accumulate(dot, sentencePostings.get(gram), weight);
    const best = new Float64Array(intents.length);
    for (let sentence = 0; sentence < sentenceCount; sentence += 1) {
      const intent = intentOfSentence[sentence] as number;
      if ((dot[sentence] as number) > (best[intent] as number)) best[intent] = dot[sentence] as number;
    }
    return sortedRanking(intents, best);
  }

  /** Per intent, the cosine similarity to the centre of all its training sentences; best first. */
  rankByCentroid(text: string, language: Language): RankedIntent[] {
    const { idf, centroidPostings, intents } = this.index[language];
    const scores = new Float64Array(intents.length);
    for (const [gram, weight] of weigh(ngramCounts(text, language), idf))
      accumulate(scores, centroidPostings.get(gram), weight);
    return sortedRanking(intents, scores);
  }
}

function accumulate(into: Float64Array, postings: Postings | undefined, weight: number): void {
  if (!postings) return;
  const { ids, weights } = postings;
  for (let k = 0; k < ids.length; k += 1)
    into[ids[k] as number] = (into[ids[k] as number] as number) + weight * (weights[k] as number);
}

function buildIndex(examples: TrainingCorpus['da'], language: Language): LanguageIndex {
  const counts = examples.map((e) => ngramCounts(e.text, language));
  const documentFrequency = new Map<string, number>();
  for (const grams of counts)
    for (const gram of grams.keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [gram, df] of documentFrequency) idf.set(gram, Math.log((examples.length + 1) / (df + 1)) + 1);

  const intents = [...new Set(examples.map((e) => e.intent))];
  const intentNumber = new Map(intents.map((intent, index) => [intent, index]));
  const intentOfSentence = Int32Array.from(examples, (e) => intentNumber.get(e.intent) as number);
  const sentences = new Map<string, { ids: number[]; weights: number[] }>();
  const sums = intents.map((): SparseVector => new Map());
  counts.forEach((grams, sentence) => {
    const sum = sums[intentOfSentence[sentence] as number] as SparseVector;
    for (const [gram, weight] of weigh(grams, idf)) {
      let list = sentences.get(gram);
      if (!list) sentences.set(gram, (list = { ids: [], weights: [] }));
      list.ids.push(sentence);
      list.weights.push(weight);
      sum.set(gram, (sum.get(gram) ?? 0) + weight);
    }
  });
  const centroids = new Map<string, { ids: number[]; weights: number[] }>();
  sums.forEach((sum, intent) => {
    for (const [gram, weight] of normalised(sum)) {
      let list = centroids.get(gram);
      if (!list) centroids.set(gram, (list = { ids: [], weights: [] }));
      list.ids.push(intent);
      list.weights.push(weight);
    }
  });
  return {
    idf,
    sentencePostings: typed(sentences),
    intentOfSentence,
    sentenceCount: examples.length,
    centroidPostings: typed(centroids),
    intents,
  };
}

function typed(lists: Map<string, { ids: number[]; weights: number[] }>): Map<string, Postings> {
  const result = new Map<string, Postings>();
  for (const [gram, { ids, weights }] of lists)
    result.set(gram, { ids: Int32Array.from(ids), weights: Float32Array.from(weights) });
  return result;
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

/** Intents with a positive score, best first. */
function sortedRanking(intents: readonly string[], scores: Float64Array): RankedIntent[] {
  const ranking: RankedIntent[] = [];
  scores.forEach((score, index) => {
    if (score > 0) ranking.push({ intent: intents[index] as string, score });
  });
  return ranking.sort((a, b) => b.score - a.score);
}
