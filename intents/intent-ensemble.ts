import type { RankedIntent } from './ranked-intent';
import { NONE_INTENT } from './training-corpus';

/** The four rankings of one message, each best first. */
export interface EnsembleVoices {
  /** NLP.js's neural network: probabilities. */
  readonly network: readonly RankedIntent[];
  /** Character n-gram cosine similarity to the closest training sentence per intent. */
  readonly nearest: readonly RankedIntent[];
  /** Character n-gram cosine similarity to each intent's centroid. */
  readonly centroid: readonly RankedIntent[];
  /** Softmax regression over words, word pairs and character n-grams: probabilities. */
  readonly logistic: readonly RankedIntent[];
}

/**
 * How the rankings are combined. Chosen by 5-fold cross-validation of the training data
 * (intents/evaluation/tune-ensemble.ts), not on the evaluation set.
 */
export interface EnsembleWeights {
  /** Softmax temperature that turns n-gram cosine similarities into shares that sum to 1. */
  readonly temperature: number;
  /**
   * Multiplies the None class's combined score. The None class has many times more training
   * sentences than any intent, and the models over-predict it for in-scope messages they find hard.
   */
  readonly noneWeight: number;
  /** Each voice's share of the vote; they are normalised to sum to 1. */
  readonly voices: Readonly<Record<keyof EnsembleVoices, number>>;
}

/**
 * From `npm run eval -- --cross-validate --tune` (5 folds, December 2026): the regression gets four
 * times each other voice's say, and None is weighted up, not down, since the regression's None is
 * calibrated. The search's best None weight (2) let None outvote the emergency intent on "my dad
 * collapsed in the kitchen" (test/intents/safety-classification.test.ts), so the best setting that
 * keeps the safety suite green was taken: 1.5. Held out: in scope 73.4 %, out of scope not answered
 * 89.8 %, "Mente du …?" 13.2 % (the three voices before it: 72.8 %, 71.5 %, 17.8 %).
 */
export const DEFAULT_ENSEMBLE_WEIGHTS: EnsembleWeights = {
  temperature: 0.02,
  noneWeight: 1.5,
  voices: { network: 1, nearest: 1, centroid: 1, logistic: 4 },
};

/**
 * A weighted average of the voices' shares, the n-gram similarities softmaxed first. Each voice
 * fails on different messages: the network on compounds and typos, the n-grams on short
 * function-word-heavy phrasing, the regression on sentences unlike any it was trained on.
 */
export function combineRankings(
  voices: EnsembleVoices,
  weights: EnsembleWeights = DEFAULT_ENSEMBLE_WEIGHTS,
): RankedIntent[] {
  const shares: [readonly RankedIntent[], number, 'as-is' | 'softmax'][] = [
    [voices.network, weights.voices.network, 'as-is'],
    [voices.nearest, weights.voices.nearest, 'softmax'],
    [voices.centroid, weights.voices.centroid, 'softmax'],
    [voices.logistic, weights.voices.logistic, 'as-is'],
  ];
  const totalWeight = shares.reduce((sum, [, weight]) => sum + weight, 0) || 1;
  const combined = new Map<string, number>();
  for (const [ranking, weight, scale] of shares) {
    if (weight === 0) continue;
    // Each voice names an intent once, so its ranking is read as it is, without a map of its own.
    const softmaxed = scale === 'softmax' ? softmax(ranking, weights.temperature) : undefined;
    ranking.forEach(({ intent, score }, i) => {
      const share = softmaxed ? (softmaxed[i] as number) : score;
      combined.set(intent, (combined.get(intent) ?? 0) + (share * weight) / totalWeight);
    });
  }
  const none = combined.get(NONE_INTENT);
  if (none !== undefined) combined.set(NONE_INTENT, none * weights.noneWeight);
  const ranked: RankedIntent[] = [];
  combined.forEach((score, intent) => ranked.push({ intent, score }));
  return ranked.sort((a, b) => b.score - a.score);
}

/** The ranking's scores as shares that sum to 1: exp((score − best) / temperature), normalised. */
function softmax(ranking: readonly RankedIntent[], temperature: number): Float64Array {
  const shares = new Float64Array(ranking.length);
  const top = ranking[0]?.score;
  if (top === undefined) return shares;
  let total = 0;
  ranking.forEach(({ score }, i) => {
    const weight = Math.exp((score - top) / temperature);
    shares[i] = weight;
    total += weight;
  });
  for (let i = 0; i < shares.length; i += 1) shares[i] = (shares[i] as number) / total;
  return shares;
}
