import type { Language } from '../text/language';
import { AnalysedMessage } from './analysed-message';
import type { RankedIntent } from './ranked-intent';
import type { TrainingCorpus } from './training-corpus';

/** Parallel arrays: the training sentences (or intents) that contain an n-gram, with its weight there. */
interface Postings {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
}

/** A TF-IDF vector over the n-grams seen in training: their numbers and weights, in the message's order. */
interface GramVector {
  readonly grams: readonly number[];
  readonly weights: readonly number[];
}

/**
 * Every n-gram seen in training has a number; the tables are arrays indexed by it, so a message's
 * n-grams are looked up once and the rest is arithmetic on typed arrays.
 */
interface LanguageIndex {
  readonly gramNumbers: ReadonlyMap<string, number>;
  readonly idf: Float64Array;
  /** Per n-gram number, the training sentences that contain it. */
  readonly sentencePostings: readonly Postings[];
  readonly intentOfSentence: Int32Array;
  /** Per n-gram number, the intents whose centroid (normalised sum of its sentences' vectors) contains it. */
  readonly centroidPostings: readonly Postings[];
  readonly intents: readonly string[];
  /** Dot products with every training sentence; reused by each message (rankings run synchronously). */
  readonly sentenceScores: Float64Array;
}

export interface NgramRankings {
  /** Per intent, the cosine similarity to its closest training sentence; best first. */
  readonly nearest: RankedIntent[];
  /** Per intent, the cosine similarity to the centre of all its training sentences; best first. */
  readonly centroid: RankedIntent[];
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

  /** Both rankings of one message, from one TF-IDF vector of it. */
  rank(message: AnalysedMessage): NgramRankings {
    const index = this.index[message.language];
    const vector = weigh(message.characterGrams, index);
    return { nearest: rankNearest(vector, index), centroid: rankByCentroid(vector, index) };
  }
}

function rankNearest(vector: GramVector, index: LanguageIndex): RankedIntent[] {
  const { sentencePostings, intentOfSentence, intents, sentenceScores: dot } = index;
  dot.fill(0);
  vector.grams.forEach((gram, k) => accumulate(dot, sentencePostings[gram], vector.weights[k] as number));
  const best = new Float64Array(intents.length);
  for (let sentence = 0; sentence < dot.length; sentence += 1) {
    const intent = intentOfSentence[sentence] as number;
    if ((dot[sentence] as number) > (best[intent] as number)) best[intent] = dot[sentence] as number;
  }
  return sortedRanking(intents, best);
}

function rankByCentroid(vector: GramVector, index: LanguageIndex): RankedIntent[] {
  const { centroidPostings, intents } = index;
  const scores = new Float64Array(intents.length);
  vector.grams.forEach((gram, k) => accumulate(scores, centroidPostings[gram], vector.weights[k] as number));
  return sortedRanking(intents, scores);
}

function accumulate(into: Float64Array, postings: Postings | undefined, weight: number): void {
  if (!postings) return;
  const { ids, weights } = postings;
  for (let k = 0; k < ids.length; k += 1)
    into[ids[k] as number] = (into[ids[k] as number] as number) + weight * (weights[k] as number);
}

function buildIndex(examples: TrainingCorpus['da'], language: Language): LanguageIndex {
  const counts = examples.map((e) => AnalysedMessage.of(e.text, language).characterGrams);
  const documentFrequency = new Map<string, number>();
  for (const grams of counts)
    for (const gram of grams.keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
  const gramNumbers = new Map([...documentFrequency.keys()].map((gram, number) => [gram, number]));
  const idf = Float64Array.from(documentFrequency.values(), (df) => Math.log((examples.length + 1) / (df + 1)) + 1);
  const partial = { gramNumbers, idf };

  const intents = [...new Set(examples.map((e) => e.intent))];
  const intentNumber = new Map(intents.map((intent, index) => [intent, index]));
  const intentOfSentence = Int32Array.from(examples, (e) => intentNumber.get(e.intent) as number);
  const sentences = Array.from(documentFrequency.keys(), () => ({ ids: [] as number[], weights: [] as number[] }));
  const sums = intents.map(() => new Map<number, number>());
  counts.forEach((grams, sentence) => {
    const sum = sums[intentOfSentence[sentence] as number] as Map<number, number>;
    const vector = weigh(grams, partial);
    vector.grams.forEach((gram, k) => {
      const weight = vector.weights[k] as number;
      const list = sentences[gram] as { ids: number[]; weights: number[] };
      list.ids.push(sentence);
      list.weights.push(weight);
      sum.set(gram, (sum.get(gram) ?? 0) + weight);
    });
  });
  const centroids = Array.from(documentFrequency.keys(), () => ({ ids: [] as number[], weights: [] as number[] }));
  sums.forEach((sum, intent) => {
    const vector = normalised([...sum.keys()], [...sum.values()]);
    vector.grams.forEach((gram, k) => {
      const list = centroids[gram] as { ids: number[]; weights: number[] };
      list.ids.push(intent);
      list.weights.push(vector.weights[k] as number);
    });
  });
  return {
    ...partial,
    sentencePostings: sentences.map(typed),
    intentOfSentence,
    centroidPostings: centroids.map(typed),
    intents,
    sentenceScores: new Float64Array(examples.length),
  };
}

function typed({ ids, weights }: { ids: number[]; weights: number[] }): Postings {
  return { ids: Int32Array.from(ids), weights: Float32Array.from(weights) };
}

/** Sublinear TF × IDF, L2-normalised; n-grams unseen in training carry no weight. */
function weigh(
  counts: ReadonlyMap<string, number>,
  { gramNumbers, idf }: Pick<LanguageIndex, 'gramNumbers' | 'idf'>,
): GramVector {
  const grams: number[] = [];
  const weights: number[] = [];
  for (const [gram, count] of counts) {
    const number = gramNumbers.get(gram);
    if (number === undefined) continue;
    const weight = (1 + Math.log(count)) * (idf[number] as number);
    if (weight > 0) {
      grams.push(number);
      weights.push(weight);
    }
  }
  return normalised(grams, weights);
}

function normalised(grams: number[], weights: number[]): GramVector {
  let norm = 0;
  for (const weight of weights) norm += weight * weight;
  norm = Math.sqrt(norm);
  if (norm === 0) return { grams: [], weights: [] };
  return { grams, weights: weights.map((weight) => weight / norm) };
}

/** Intents with a positive score, best first. */
function sortedRanking(intents: readonly string[], scores: Float64Array): RankedIntent[] {
  const ranking: RankedIntent[] = [];
  scores.forEach((score, index) => {
    if (score > 0) ranking.push({ intent: intents[index] as string, score });
  });
  return ranking.sort((a, b) => b.score - a.score);
}
