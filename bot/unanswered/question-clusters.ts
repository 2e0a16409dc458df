import { REDACTION_MARKERS } from '../../privacy/personal-data-redactor';
import type { IntentDefinition } from '../../knowledge/intent-definition';
import { LANGUAGES, type Language } from '../../text/language';
import { isStopWord } from '../../text/stop-words';
import { foldDanishSpelling } from '../../text/text-normalizer';
import type { UnansweredQuestion } from './unanswered-question';

/** What clustering reads of a question. */
export type ClusterableQuestion = Pick<UnansweredQuestion, 'id' | 'text' | 'at' | 'language' | 'suggestedIntent'>;

export interface ClusterExample {
  readonly id: string;
  readonly text: string;
  readonly at: string;
}

/** Questions that ask the same thing: one row in the inbox, with a count and examples. */
export interface QuestionCluster {
  /** Every question in the cluster, newest first. */
  readonly ids: readonly string[];
  readonly size: number;
  /** Up to MAX_EXAMPLES different wordings, newest first. */
  readonly examples: readonly ClusterExample[];
  readonly newestAt: string;
  /** The intent suggested most often in the cluster (ties: the newest question's). */
  readonly suggestedIntent?: string;
}

/** The weight of a gram the reference corpus does not have: as rare as can be. */
const UNSEEN = '\u0000unseen';

/**
 * Gram weights from a reference corpus: smoothed inverse document frequency, so that grams of words
 * every municipal question uses ("kommune", "ansøge", "tilskud", "regler") weigh less than those of
 * one topic. The reference is fixed (not the inbox itself), so a new topic that fills the inbox does
 * not weigh itself down and fall apart into several rows.
 */
export function backgroundWeights(
  sentences: readonly { text: string; language: Language }[],
): ReadonlyMap<string, number> {
  const weights = inverseDocumentFrequencies(sentences.map((s) => gramCounts(s.text, s.language)));
  weights.set(UNSEEN, Math.log(sentences.length + 1) + 1);
  return weights;
}

/** backgroundWeights over the knowledge base's training sentences, the reference the studio should use. */
export function trainingSentenceWeights(intents: Iterable<IntentDefinition>): ReadonlyMap<string, number> {
  const sentences: { text: string; language: Language }[] = [];
  for (const intent of intents)
    for (const language of LANGUAGES) for (const text of intent.training[language]) sentences.push({ text, language });
  return backgroundWeights(sentences);
}

export interface ClusterOptions {
  /** Gram weights (trainingSentenceWeights); without them every gram weighs the same. */
  readonly background?: ReadonlyMap<string, number>;
  /** Lowest cosine similarity to a cluster's centroid for a question to join it. */
  readonly threshold?: number;
}

/**
 * Chosen with test/unanswered/question-clusters.test.ts (weights from the shipped knowledge base):
 * each wording of a new topic (typos, without æøå, short and long) scored 0.50–0.92 against the
 * centroid of the topic's other wordings; unrelated questions, several sharing a word with a topic
 * ("tilskud", "haven", "tilladelse", "cykel"), at most 0.38 against any topic, and at most 0.32
 * against each other. 0.3 put unrelated questions into topics; 0.5 split topics into several rows.
 */
export const DEFAULT_CLUSTER_THRESHOLD = 0.4;
export const MAX_EXAMPLES = 5;
/** A centroid keeps its strongest grams only, so that it stays sparse however large the cluster. */
const CENTROID_GRAMS = 120;
/**
 * Grams found in more clusters than this say nothing about a topic (pieces of "ansøge", "kommune");
 * they still count in the similarity of a candidate, but do not make one, so that a question is
 * never compared with every cluster.
 */
const MAX_POSTINGS = 200;
/** Candidates scored exactly. */
const SHORTLIST = 16;

type Vector = Map<string, number>;

interface Cluster {
  readonly members: ClusterableQuestion[];
  /** Sum of the members' unit vectors, pruned to CENTROID_GRAMS; its direction is the centroid's. */
  readonly sum: Vector;
  /** |sum|², kept up to date as members join. */
  normSquared: number;
}

/**
 * Groups the inbox's questions by what they ask: character 3-grams of the topic words (redaction
 * markers and stop words removed, Danish spelling folded, so "kørekort", "koerekort" and
 * "korekort" look alike), cosine similarity, greedy: each question, oldest first, joins the
 * cluster whose centroid is nearest if it is at least `threshold` similar, else starts one.
 * Candidates come from an inverted index over the centroids' grams (no question is compared with
 * every cluster): 10,000 questions took 1.1–1.5 s on a busy 2-core machine. Sorted most frequent
 * first, then newest.
 */
export function clusterQuestions(
  questions: readonly ClusterableQuestion[],
  { threshold = DEFAULT_CLUSTER_THRESHOLD, background = new Map<string, number>() }: ClusterOptions = {},
): QuestionCluster[] {
  const oldestFirst = [...questions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
  const counts = oldestFirst.map((q) => gramCounts(q.text, q.language));
  const index = new CentroidIndex(oldestFirst.length);
  oldestFirst.forEach((question, position) => {
    const vector = unitVector(counts[position] ?? new Map<string, number>(), background);
    const best = vector.size === 0 ? undefined : index.nearest(vector);
    if (best && best.similarity >= threshold) index.join(best, question, vector);
    else index.add(question, vector);
  });
  return index.clusters
    .map(describe)
    .sort((a, b) => b.size - a.size || Date.parse(b.newestAt) - Date.parse(a.newestAt));
}

/**
 * The clusters so far and, per gram, the clusters whose centroid has it (an inverted index), so
 * that a question is compared only with clusters it shares a telling gram with.
 */
class CentroidIndex {
  readonly clusters: Cluster[] = [];
  private readonly postings = new Map<string, number[]>();
  /** Scratch space for one lookup: a score per cluster, and which ones were touched. */
  private readonly overlap: Float64Array;
  private readonly touched: number[] = [];

  constructor(capacity: number) {
    this.overlap = new Float64Array(Math.max(1, capacity));
  }

  nearest(vector: Vector): Nearest | undefined {
    // Candidates: clusters sharing grams that are not everywhere, ranked by the question's weight
    // on the grams they share (cheap: no centroid lookups); the best few are then scored exactly.
    for (const [gram, weight] of vector) {
      const holders = this.postings.get(gram);
      if (!holders || holders.length > MAX_POSTINGS) continue;
      for (const cluster of holders) {
        if (this.overlap[cluster] === 0) this.touched.push(cluster);
        this.overlap[cluster] = (this.overlap[cluster] ?? 0) + weight;
      }
    }
    const shortlist = this.topTouched(SHORTLIST);
    let best: Nearest | undefined;
    for (const position of shortlist) {
      const cluster = this.clusters[position];
      if (!cluster || cluster.normSquared <= 0) continue;
      let dot = 0;
      for (const [gram, weight] of vector) dot += weight * (cluster.sum.get(gram) ?? 0);
      const similarity = dot / Math.sqrt(cluster.normSquared);
      if (!best || similarity > best.similarity || (similarity === best.similarity && position < best.position))
        best = { position, similarity, dot };
    }
    return best;
  }

  join(best: Nearest, question: ClusterableQuestion, vector: Vector): void {
    const cluster = this.clusters[best.position];
    if (!cluster) return;
    cluster.members.push(question);
    // |s + q|² = |s|² + 2 s·q + |q|², with |q| = 1.
    cluster.normSquared += 2 * best.dot + 1;
    for (const [gram, weight] of vector) {
      const before = cluster.sum.get(gram);
      cluster.sum.set(gram, (before ?? 0) + weight);
      if (before === undefined) this.post(gram, best.position);
    }
    if (cluster.sum.size > 2 * CENTROID_GRAMS) this.prune(best.position);
  }

  add(question: ClusterableQuestion, vector: Vector): void {
    const position = this.clusters.length;
    this.clusters.push({ members: [question], sum: new Map(vector), normSquared: vector.size === 0 ? 0 : 1 });
    for (const gram of vector.keys()) this.post(gram, position);
  }

  /** The touched clusters with the highest overlap (a partial selection), and the scratch space cleared. */
  private topTouched(count: number): number[] {
    const top: number[] = [];
    let lowest = 0;
    const score = (cluster: number | undefined) => (cluster === undefined ? 0 : (this.overlap[cluster] ?? 0));
    for (const cluster of this.touched) {
      if (top.length < count) {
        top.push(cluster);
        if (top.length === count) lowest = lowestOf(top, score);
      } else if (score(cluster) > score(top[lowest])) {
        top[lowest] = cluster;
        lowest = lowestOf(top, score);
      }
    }
    for (const cluster of this.touched) this.overlap[cluster] = 0;
    this.touched.length = 0;
    return top;
  }

  private post(gram: string, position: number): void {
    const holders = this.postings.get(gram);
    if (holders) holders.push(position);
    else this.postings.set(gram, [position]);
  }

  /** Keeps the centroid's CENTROID_GRAMS strongest grams; the rest leave it and the index. */
  private prune(position: number): void {
    const cluster = this.clusters[position];
    if (!cluster) return;
    const kept = new Map([...cluster.sum].sort((a, b) => b[1] - a[1]).slice(0, CENTROID_GRAMS));
    for (const gram of cluster.sum.keys()) {
      if (kept.has(gram)) continue;
      const holders = this.postings.get(gram);
      const at = holders?.indexOf(position) ?? -1;
      if (holders && at >= 0) holders.splice(at, 1);
    }
    cluster.sum.clear();
    cluster.normSquared = 0;
    for (const [gram, weight] of kept) {
      cluster.sum.set(gram, weight);
      cluster.normSquared += weight * weight;
    }
  }
}

function lowestOf(items: readonly number[], score: (item: number | undefined) => number): number {
  let lowest = 0;
  for (let i = 1; i < items.length; i += 1) if (score(items[i]) < score(items[lowest])) lowest = i;
  return lowest;
}

interface Nearest {
  readonly position: number;
  readonly similarity: number;
  /** The question's dot product with the cluster's sum (for updating its norm). */
  readonly dot: number;
}

/**
 * Smoothed inverse document frequency of each gram in a reference corpus, ln((n + 1) / (df + 1)) + 1:
 * grams every topic uses ("kommune", "ansøge") weigh less than those of one topic.
 */
function inverseDocumentFrequencies(counts: readonly Vector[]): Map<string, number> {
  const documentFrequency = new Map<string, number>();
  for (const grams of counts)
    for (const gram of grams.keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [gram, df] of documentFrequency) idf.set(gram, Math.log((counts.length + 1) / (df + 1)) + 1);
  return idf;
}

/** Character 3-grams of a question's topic words, word-bounded (so "pas" is not the end of "taxpas"), counted. */
export function gramCounts(text: string, language: Language): Vector {
  let plain = text;
  for (const marker of Object.values(REDACTION_MARKERS)) plain = plain.split(marker).join(' ');
  const words = plain
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !isStopWord(word, language));
  const counts: Vector = new Map();
  for (const word of words) {
    const padded = ` ${foldDanishSpelling(word)} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) {
      const gram = padded.slice(i, i + 3);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}

function unitVector(counts: Vector, idf: ReadonlyMap<string, number>): Vector {
  const vector: Vector = new Map();
  let norm = 0;
  for (const [gram, count] of counts) {
    const value = count * (idf.get(gram) ?? idf.get(UNSEEN) ?? 1);
    vector.set(gram, value);
    norm += value * value;
  }
  norm = Math.sqrt(norm);
  for (const [gram, value] of vector) vector.set(gram, value / norm);
  return vector;
}

function describe(cluster: Cluster): QuestionCluster {
  const members = [...cluster.members].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
  const examples: ClusterExample[] = [];
  const seen = new Set<string>();
  for (const { id, text, at } of members) {
    if (examples.length >= MAX_EXAMPLES) break;
    const wording = foldDanishSpelling(text)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    if (seen.has(wording)) continue;
    seen.add(wording);
    examples.push({ id, text, at });
  }
  const counts = new Map<string, number>();
  for (const { suggestedIntent } of members) {
    if (suggestedIntent !== undefined) counts.set(suggestedIntent, (counts.get(suggestedIntent) ?? 0) + 1);
  }
  // Members are newest first and Map keeps first insertion, so a tie goes to the newest question's intent.
  let suggestedIntent: string | undefined;
  let most = 0;
  for (const [intent, count] of counts) {
    if (count > most) {
      suggestedIntent = intent;
      most = count;
    }
  }
  const newest = members[0];
  return {
    ids: members.map((m) => m.id),
    size: members.length,
    examples,
    newestAt: newest?.at ?? '',
    ...(suggestedIntent !== undefined ? { suggestedIntent } : {}),
  };
}
