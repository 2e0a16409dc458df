import { redactPersonalData } from '../../privacy/personal-data-redactor';
import { IntentClassifier, type HeardMessage } from '../intent-classifier';
import { decide, DEFAULT_DECISION_POLICY, type DecisionPolicy } from '../intent-decision';
import { combineRankings, type EnsembleWeights } from '../intent-ensemble';
import type { RankedIntent } from '../ranked-intent';
import { NONE_INTENT, type TrainingCorpus } from '../training-corpus';
import { splitIntoFolds } from './cross-validate';

/** A held-out training sentence with every voice's ranking from the fold model that never saw it. */
export interface HeldOutVoices {
  readonly expected: string;
  readonly heard: HeardMessage;
}

export interface TuningScore {
  readonly inScopeAccuracy: number;
  /** Share of out-of-scope sentences met with a plain fallback (neither an answer nor "Mente du …?"). */
  readonly noneNotAnswered: number;
  readonly clarifyRate: number;
  /** What the search maximises: in-scope accuracy + out-of-scope not answered − ¼ × "Mente du …?" rate. */
  readonly objective: number;
}

export interface TunedSettings {
  readonly weights: EnsembleWeights;
  readonly policy: DecisionPolicy;
  readonly score: TuningScore;
}

/** Trains one classifier per fold and records what each voice says about that fold's held-out sentences. */
export async function listenAcrossFolds(corpus: TrainingCorpus, folds: number): Promise<HeldOutVoices[]> {
  const heard: HeldOutVoices[] = [];
  for (const { training, heldOut } of splitIntoFolds(corpus, folds)) {
    const classifier = await IntentClassifier.train(training);
    for (const message of heldOut) {
      const text = redactPersonalData(message.text).textWithoutMarkers;
      heard.push({ expected: message.intent, heard: await classifier.listen(text, message.lang) });
    }
  }
  return heard;
}

export function scoreSettings(
  examples: readonly HeldOutVoices[],
  weights: EnsembleWeights,
  policy: DecisionPolicy,
): TuningScore {
  let inScope = 0;
  let correct = 0;
  let clarified = 0;
  let none = 0;
  let notAnswered = 0;
  for (const { expected, heard } of examples) {
    const ranked = combineRankings(heard.voices, weights).slice(0, 5);
    const decision = decide(ranked, heard.signals, policy);
    if (expected === NONE_INTENT) {
      none += 1;
      if (decision.kind === 'fallback') notAnswered += 1;
      continue;
    }
    inScope += 1;
    if (decision.kind !== 'fallback' && ranked[0]?.intent === expected) correct += 1;
    if (decision.kind === 'clarify') clarified += 1;
  }
  const inScopeAccuracy = correct / Math.max(inScope, 1);
  const noneNotAnswered = notAnswered / Math.max(none, 1);
  const clarifyRate = clarified / Math.max(inScope, 1);
  return {
    inScopeAccuracy,
    noneNotAnswered,
    clarifyRate,
    objective: inScopeAccuracy + noneNotAnswered - clarifyRate / 4,
  };
}

const VOICE_WEIGHTS = [0, 0.5, 1, 2];
const LOGISTIC_WEIGHTS = [0, 1, 2, 3, 4];
const TEMPERATURES = [0.02, 0.03, 0.05, 0.1];
const NONE_WEIGHTS = [0.5, 1, 1.5, 2, 3];

/**
 * A grid search, on cross-validated training sentences only, over the voices' weights, the None
 * weight and the temperature, under a fixed decision policy. The policy's thresholds are not
 * searched: with this objective the search removes "Mente du …?" altogether (margin 0), which is
 * a product decision, not a fitting one. Returns the best settings, best first, each scored by
 * the real combineRankings and decide.
 */
export function tuneEnsemble(
  examples: readonly HeldOutVoices[],
  policy: DecisionPolicy = DEFAULT_DECISION_POLICY,
  keep = 5,
): TunedSettings[] {
  const candidates: { weights: EnsembleWeights; objective: number }[] = [];
  for (const temperature of TEMPERATURES) {
    // Each voice's shares once per temperature, so the inner loops only add and scale.
    const shared = examples.map((example) => sharesPerVoice(example, temperature));
    for (const network of VOICE_WEIGHTS)
      for (const nearest of VOICE_WEIGHTS)
        for (const centroid of VOICE_WEIGHTS) {
          for (const logistic of LOGISTIC_WEIGHTS)
            for (const noneWeight of NONE_WEIGHTS) {
              if (network + nearest + centroid + logistic === 0) continue;
              const weights: EnsembleWeights = {
                temperature,
                noneWeight,
                voices: { network, nearest, centroid, logistic },
              };
              candidates.push({ weights, objective: quickObjective(examples, shared, weights, policy) });
            }
        }
  }
  return candidates
    .sort((a, b) => b.objective - a.objective)
    .slice(0, keep)
    .map(({ weights }) => ({ weights, policy, score: scoreSettings(examples, weights, policy) }));
}

interface VoiceShares {
  readonly intents: string[];
  /** Per voice, the share of each intent in `intents`. */
  readonly network: Float64Array;
  readonly nearest: Float64Array;
  readonly centroid: Float64Array;
  readonly logistic: Float64Array;
}

/** Dense copies of what combineRankings computes per voice, for the grid's inner loop. */
function sharesPerVoice({ heard }: HeldOutVoices, temperature: number): VoiceShares {
  const { voices } = heard;
  const intents = [
    ...new Set([voices.network, voices.nearest, voices.centroid, voices.logistic].flat().map((r) => r.intent)),
  ];
  const column = new Map(intents.map((intent, index) => [intent, index]));
  const dense = (ranking: readonly RankedIntent[], soften: boolean) => {
    const values = new Float64Array(intents.length);
    const top = ranking[0]?.score ?? 0;
    let total = 0;
    for (const { intent, score } of ranking) {
      const value = soften ? Math.exp((score - top) / temperature) : score;
      values[column.get(intent) as number] = value;
      total += value;
    }
    if (soften && total > 0) for (let i = 0; i < values.length; i += 1) values[i] = (values[i] as number) / total;
    return values;
  };
  return {
    intents,
    network: dense(voices.network, false),
    nearest: dense(voices.nearest, true),
    centroid: dense(voices.centroid, true),
    logistic: dense(voices.logistic, false),
  };
}

function quickObjective(
  examples: readonly HeldOutVoices[],
  shared: readonly VoiceShares[],
  weights: EnsembleWeights,
  policy: DecisionPolicy,
): number {
  const { network, nearest, centroid, logistic } = weights.voices;
  const total = network + nearest + centroid + logistic;
  let inScope = 0;
  let correct = 0;
  let clarified = 0;
  let none = 0;
  let notAnswered = 0;
  examples.forEach(({ expected, heard }, index) => {
    const shares = shared[index] as VoiceShares;
    // decide() reads only the two best.
    let best: RankedIntent = { intent: NONE_INTENT, score: -1 };
    let second: RankedIntent = { intent: NONE_INTENT, score: -1 };
    shares.intents.forEach((intent, i) => {
      let score = ((shares.network[i] as number) * network + (shares.nearest[i] as number) * nearest) / total;
      score += ((shares.centroid[i] as number) * centroid + (shares.logistic[i] as number) * logistic) / total;
      if (intent === NONE_INTENT) score *= weights.noneWeight;
      if (score > best.score) [best, second] = [{ intent, score }, best];
      else if (score > second.score) second = { intent, score };
    });
    const ranked = [best, second].filter((r) => r.score >= 0);
    const decision = decide(ranked, heard.signals, policy);
    if (expected === NONE_INTENT) {
      none += 1;
      if (decision.kind === 'fallback') notAnswered += 1;
      return;
    }
    inScope += 1;
    if (decision.kind !== 'fallback' && ranked[0]?.intent === expected) correct += 1;
    if (decision.kind === 'clarify') clarified += 1;
  });
  return correct / Math.max(inScope, 1) + notAnswered / Math.max(none, 1) - clarified / Math.max(inScope, 1) / 4;
}
