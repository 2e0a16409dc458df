import { z } from 'zod';
import type { RankedIntent } from './ranked-intent';
import { NONE_INTENT } from './training-corpus';

/**
 * When the assistant may answer from an intent. NLP.js's own threshold alone answers
 * off-topic messages confidently; these rules add the trained None class (in the ensemble), a
 * margin between the two best intents and two checks on how much of the message is known.
 * Defaults chosen by cross-validation of the training data.
 */
export const DecisionPolicySchema = z.strictObject({
  /** Lowest combined score for a direct answer. */
  answerScore: z.number().min(0).max(1),
  /** Below this margin to the runner-up, ask "Mente du …?" instead of answering. */
  minMargin: z.number().min(0).max(1),
  /** Lowest score for an intent that is not answered to be offered in "Mente du …?". */
  clarifyScore: z.number().min(0).max(1),
  /** Lowest score for the runner-up to be offered beside it. */
  alternativeScore: z.number().min(0).max(1),
  /** Lowest share of the message's topic words the model must know. */
  minKnownWords: z.number().min(0).max(1),
  /** Lowest character n-gram similarity to the closest in-scope training sentence. */
  minSimilarity: z.number().min(0).max(1),
});
export type DecisionPolicy = z.infer<typeof DecisionPolicySchema>;

export const DEFAULT_DECISION_POLICY: DecisionPolicy = {
  answerScore: 0.4,
  minMargin: 0.1,
  clarifyScore: 0.25,
  alternativeScore: 0.15,
  minKnownWords: 0.34,
  minSimilarity: 0.2,
};

export interface DecisionSignals {
  /** Share of the message's topic words seen in in-scope training (0–1). */
  readonly knownWords: number;
  /** Best n-gram similarity to any in-scope training sentence (0–1). */
  readonly similarity: number;
}

export type IntentDecision =
  | { readonly kind: 'answer'; readonly intent: string; readonly score: number }
  /** "Mente du …?" with the best intent, and the runner-up when it is close. */
  | {
      readonly kind: 'clarify';
      readonly intents: readonly [string] | readonly [string, string];
      readonly score: number;
    }
  | { readonly kind: 'fallback'; readonly reason: 'none-class' | 'low-score' | 'unknown-words' };

export function decide(
  ranked: readonly RankedIntent[],
  signals: DecisionSignals,
  policy: DecisionPolicy,
): IntentDecision {
  const [best, runnerUp] = ranked;
  if (!best || best.intent === NONE_INTENT) return { kind: 'fallback', reason: 'none-class' };
  if (signals.knownWords < policy.minKnownWords || signals.similarity < policy.minSimilarity) {
    return { kind: 'fallback', reason: 'unknown-words' };
  }
  const margin = best.score - (runnerUp?.score ?? 0);
  if (best.score >= policy.answerScore && margin >= policy.minMargin)
    return { kind: 'answer', intent: best.intent, score: best.score };
  if (best.score < policy.clarifyScore) return { kind: 'fallback', reason: 'low-score' };
  const alternative =
    runnerUp && runnerUp.intent !== NONE_INTENT && runnerUp.score >= policy.alternativeScore ? runnerUp : undefined;
  return {
    kind: 'clarify',
    intents: alternative ? [best.intent, alternative.intent] : [best.intent],
    score: best.score,
  };
}
