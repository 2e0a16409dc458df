import { z } from 'zod';
import { isTagged } from './is-tagged';
import type { Language } from '../text/language';
import { AnalysedMessage, characterGramsOf } from './analysed-message';
import type { RankedIntent } from './ranked-intent';
import type { TrainingCorpus } from './training-corpus';

/**
 * An inverted index in one block (compressed rows): the postings of n-gram number g, the training
 * sentences (or intents) that contain it, are ids[start[g]] … ids[start[g + 1] - 1], with its weight
 * there in `weights`. One block instead of a small array per n-gram keeps the hot loop on
 * contiguous memory.
 */
interface Postings {
  readonly start: Int32Array;
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
  /**
   * Each topic word of the training sentences → the numbers of its n-grams, in counting order: one
   * lookup per known word instead of one per n-gram (a dozen or more a word, each a miss in a big table).
   */
  readonly gramsOfWord: ReadonlyMap<string, readonly number[]>;
  readonly idf: Float64Array;
  /** Per n-gram number, the training sentences that contain it. */
  readonly sentencePostings: Postings;
  readonly intentOfSentence: Int32Array;
  /** Per n-gram number, the intents whose centroid (normalised sum of its sentences' vectors) contains it. */
  readonly centroidPostings: Postings;
  readonly intents: readonly string[];
  /** Dot products with every training sentence; reused by each message (rankings run synchronously). */
  readonly sentenceScores: Float64Array;
}

/**
 * The index as data. Checked by shape only (maps, typed arrays): it comes from this program's own
 * worker or store, and checking each of its hundred thousand entries would stall the event loop
 * that moving the work off the main thread is meant to keep free.
 */
const mapOf = <K, V>() => z.custom<ReadonlyMap<K, V>>((value) => isTagged(value, 'Map'), 'expected a Map');
const typed = <T>(tag: string) =>
  z.custom<T>(
    (value) => ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === `[object ${tag}]`,
    `expected a ${tag}`,
  );
const PostingsSchema = z.strictObject({
  start: typed<Int32Array>('Int32Array'),
  ids: typed<Int32Array>('Int32Array'),
  weights: typed<Float32Array>('Float32Array'),
});
const LanguageIndexDataSchema = z.strictObject({
  gramNumbers: mapOf<string, number>(),
  gramsOfWord: mapOf<string, readonly number[]>(),
  idf: typed<Float64Array>('Float64Array'),
  sentencePostings: PostingsSchema,
  intentOfSentence: typed<Int32Array>('Int32Array'),
  centroidPostings: PostingsSchema,
  intents: z.array(z.string()).readonly(),
});
export const CharacterNgramDataSchema = z.strictObject({ da: LanguageIndexDataSchema, en: LanguageIndexDataSchema });
export type CharacterNgramData = z.infer<typeof CharacterNgramDataSchema>;
type LanguageIndexData = Omit<LanguageIndex, 'sentenceScores'>;

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

  private constructor(data: CharacterNgramData) {
    const withScores = (index: LanguageIndexData): LanguageIndex => ({
      ...index,
      sentenceScores: new Float64Array(index.intentOfSentence.length),
    });
    this.index = { da: withScores(data.da), en: withScores(data.en) };
  }

  static fromCorpus(corpus: TrainingCorpus): CharacterNgramModel {
    return new CharacterNgramModel({ da: buildIndex(corpus.da, 'da'), en: buildIndex(corpus.en, 'en') });
  }

  /** From `data` of a model built elsewhere (a training worker, a stored model): nothing to compute. */
  static fromData(data: CharacterNgramData): CharacterNgramModel {
    return new CharacterNgramModel(data);
  }

  /** The index as plain data (maps and typed arrays), for a worker's message or v8 serialisation. */
  get data(): CharacterNgramData {
    const strip = (index: LanguageIndex): LanguageIndexData => ({
      gramNumbers: index.gramNumbers,
      gramsOfWord: index.gramsOfWord,
      idf: index.idf,
      sentencePostings: index.sentencePostings,
      intentOfSentence: index.intentOfSentence,
      centroidPostings: index.centroidPostings,
      intents: index.intents,
    });
    return { da: strip(this.index.da), en: strip(this.index.en) };
  }

  /** Both rankings of one message, from one TF-IDF vector of it. */
  rank(message: AnalysedMessage): NgramRankings {
    const {
      gramNumbers,
      gramsOfWord,
      idf,
      sentencePostings,
      centroidPostings,
      intentOfSentence,
      intents,
      sentenceScores,
    } = this.index[message.language];
    const { grams, weights } = weigh(gramCounts(message, gramsOfWord, gramNumbers), idf);
    const centroidScores = new Float64Array(intents.length);
    sentenceScores.fill(0);
    grams.forEach((gram, k) => {
      accumulate(sentenceScores, sentencePostings, gram, weights[k] as number);
      accumulate(centroidScores, centroidPostings, gram, weights[k] as number);
    });
    const nearestScores = new Float64Array(intents.length);
    // Plain loops over typed arrays here and below: a callback (forEach) gets each score as a
    // boxed number, thousands of small allocations per message and more garbage collections.
    for (let sentence = 0; sentence < sentenceScores.length; sentence += 1) {
      const intent = intentOfSentence[sentence] as number;
      if ((sentenceScores[sentence] as number) > (nearestScores[intent] as number))
        nearestScores[intent] = sentenceScores[sentence] as number;
    }
    return { nearest: sortedRanking(intents, nearestScores), centroid: sortedRanking(intents, centroidScores) };
  }
}

/** Adds weight × (the n-gram's weight in each) to the scores of the sentences or intents that contain it. */
function accumulate(into: Float64Array, { start, ids, weights }: Postings, gram: number, weight: number): void {
  const end = start[gram + 1] as number;
  for (let k = start[gram] as number; k < end; k += 1)
    into[ids[k] as number] = (into[ids[k] as number] as number) + weight * (weights[k] as number);
}

function buildIndex(examples: TrainingCorpus['da'], language: Language): LanguageIndexData {
  const messages = examples.map((e) => AnalysedMessage.of(e.text, language));
  const documentFrequency = new Map<string, number>();
  for (const message of messages)
    for (const gram of message.characterGrams.keys())
      documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
  const gramNumbers = new Map([...documentFrequency.keys()].map((gram, number) => [gram, number]));
  const gramsOfWord = new Map<string, readonly number[]>();
  for (const message of messages)
    for (const word of message.topicWords)
      if (!gramsOfWord.has(word)) gramsOfWord.set(word, knownGramsOf(word, gramNumbers));
  const idf = Float64Array.from(documentFrequency.values(), (df) => Math.log((examples.length + 1) / (df + 1)) + 1);

  const intents = [...new Set(examples.map((e) => e.intent))];
  const intentNumber = new Map(intents.map((intent, index) => [intent, index]));
  const intentOfSentence = Int32Array.from(examples, (e) => intentNumber.get(e.intent) as number);
  const sentences = Array.from(documentFrequency.keys(), () => ({ ids: [] as number[], weights: [] as number[] }));
  const sums = intents.map(() => new Map<number, number>());
  messages.forEach((message, sentence) => {
    const sum = sums[intentOfSentence[sentence] as number] as Map<number, number>;
    const vector = weigh(gramCounts(message, gramsOfWord, gramNumbers), idf);
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
    gramNumbers,
    gramsOfWord,
    idf,
    sentencePostings: inOneBlock(sentences),
    intentOfSentence,
    centroidPostings: inOneBlock(centroids),
    intents,
  };
}

function inOneBlock(lists: readonly { ids: number[]; weights: number[] }[]): Postings {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, gram) => (start[gram + 1] = (start[gram] as number) + list.ids.length));
  return {
    start,
    ids: Int32Array.from(lists.flatMap((list) => list.ids)),
    weights: Float32Array.from(lists.flatMap((list) => list.weights)),
  };
}

/** How often each n-gram seen in training occurs in the message's topic words, in order of first appearance. */
function gramCounts(
  message: AnalysedMessage,
  gramsOfWord: ReadonlyMap<string, readonly number[]>,
  gramNumbers: ReadonlyMap<string, number>,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const word of message.topicWords) {
    for (const gram of gramsOfWord.get(word) ?? knownGramsOf(word, gramNumbers))
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** The numbers of a word's n-grams seen in training, in counting order (characterGramsOf). */
function knownGramsOf(word: string, gramNumbers: ReadonlyMap<string, number>): number[] {
  const known: number[] = [];
  for (const gram of characterGramsOf(word)) {
    const number = gramNumbers.get(gram);
    if (number !== undefined) known.push(number);
  }
  return known;
}

/** Sublinear TF × IDF of n-gram counts (by number), L2-normalised. */
function weigh(counts: ReadonlyMap<number, number>, idf: Float64Array): GramVector {
  const grams: number[] = [];
  const weights: number[] = [];
  for (const [gram, count] of counts) {
    const weight = (1 + Math.log(count)) * (idf[gram] as number);
    if (weight > 0) {
      grams.push(gram);
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
  for (let index = 0; index < scores.length; index += 1) {
    const score = scores[index] as number;
    if (score > 0) ranking.push({ intent: intents[index] as string, score });
  }
  return ranking.sort((a, b) => b.score - a.score);
}
