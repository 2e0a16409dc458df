import type { RankedIntent } from './ranked-intent';
import { NONE_INTENT } from './training-corpus';

/**
 * How the three rankings are combined. Chosen by 5-fold cross-validation of the training data
 * (`npm run eval -- --cross-validate`), not on the evaluation set.
 */
export interface EnsembleWeights {
  /** Softmax temperature that turns n-gram cosine similarities into shares that sum to 1. */
  readonly temperature: number;
  /**
   * Multiplies the None class's combined score. The None class has many times more training
   * sentences than any intent, and the network over-predicts it for in-scope messages it finds hard.
   */
  readonly noneWeight: number;
}

export const DEFAULT_ENSEMBLE_WEIGHTS: EnsembleWeights = { temperature: 0.05, noneWeight: 0.5 };

/**
 * Averages NLP.js's probabilities with the two character n-gram rankings (nearest sentence and
 * intent centroid), each softmaxed. Each voice fails on different messages: the network on
 * compounds and typos, the n-grams on short function-word-heavy phrasing.
 */
export function combineRankings(
  network: readonly RankedIntent[],
  nearest: readonly RankedIntent[],
  centroid: readonly RankedIntent[],
  weights: EnsembleWeights = DEFAULT_ENSEMBLE_WEIGHTS,
): RankedIntent[] {
  const voices = [toShares(network), softmax(nearest, weights.temperature), softmax(centroid, weights.temperature)];
  const combined = new Map<string, number>();
  for (const voice of voices) {
    for (const [intent, share] of voice) combined.set(intent, (combined.get(intent) ?? 0) + share / voices.length);
  }
  const none = combined.get(NONE_INTENT);
  if (none !== undefined) combined.set(NONE_INTENT, none * weights.noneWeight);
  return [...combined.entries()].map(([intent, score]) => ({ intent, score })).sort((a, b) => b.score - a.score);
}

function toShares(ranking: readonly RankedIntent[]): Map<string, number> {
  return new Map(ranking.map((r) => [r.intent, r.score]));
}

function softmax(ranking: readonly RankedIntent[], temperature: number): Map<string, number> {
  const shares = new Map<string, number>();
  const top = ranking[0]?.score;
  if (top === undefined) return shares;
  let total = 0;
  for (const { intent, score } of ranking) {
    const weight = Math.exp((score - top) / temperature);
    shares.set(intent, weight);
    total += weight;
  }
  for (const [intent, weight] of shares) shares.set(intent, weight / total);
  return shares;
}
