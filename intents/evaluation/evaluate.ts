import { redactPersonalData } from '../../privacy/personal-data-redactor';
import type { Language } from '../../text/language';
import type { IntentDecision } from '../intent-decision';
import type { RankedIntent } from '../ranked-intent';
import { NONE_INTENT } from '../training-corpus';
import type { LabelledMessage } from './labelled-message';

export interface Prediction {
  readonly text: string;
  readonly expected: string;
  /** The intent the bot would answer (or offer first in "Mente du …?"); None when it would fall back. */
  readonly predicted: string;
  readonly score: number;
  readonly decision: 'answer' | 'clarify' | 'fallback';
  readonly lang: string;
  readonly style?: string;
}

export interface EvaluationReport {
  readonly total: number;
  /** Share of in-scope messages whose predicted intent is right. */
  readonly inScopeAccuracy: number;
  /** Share of None messages the bot did not answer from an intent (fallback or "Mente du …?"). */
  readonly noneRefusal: number;
  /** Share of None messages that got a "Mente du …?" rather than a plain fallback. */
  readonly noneClarified: number;
  /** Share of None messages neither answered nor met with "Mente du …?": a plain fallback. */
  readonly noneNotAnswered: number;
  /** Share of English messages handled right (in-scope: right intent; None: refused). */
  readonly englishAccuracy: number;
  /** Share of in-scope messages that got a "Mente du …?" question. */
  readonly clarifyRate: number;
  readonly perIntent: Record<string, { total: number; correct: number; accuracy: number }>;
  readonly perStyle: Record<string, { total: number; correct: number; accuracy: number }>;
  readonly confusions: { expected: string; predicted: string; count: number }[];
  readonly predictions: Prediction[];
}

/** What evaluation needs of a classifier: ours (intent-classifier.ts) or a baseline (baselines/). */
export interface MessageClassifier {
  classify(
    text: string,
    language: Language,
  ): Promise<{ readonly decision: IntentDecision; readonly ranked: readonly RankedIntent[] }>;
}

/** Classifies each message as the dialogue would (personal data redacted first) and scores the outcome. */
export async function evaluate(
  classifier: MessageClassifier,
  messages: readonly LabelledMessage[],
): Promise<EvaluationReport> {
  const predictions: Prediction[] = [];
  for (const message of messages) {
    const { decision, ranked } = await classifier.classify(
      redactPersonalData(message.text).textWithoutMarkers,
      message.lang,
    );
    const predicted = decision.kind === 'fallback' ? NONE_INTENT : (ranked[0]?.intent ?? NONE_INTENT);
    predictions.push({
      text: message.text,
      expected: message.intent,
      predicted,
      score: ranked[0]?.score ?? 0,
      decision: decision.kind,
      lang: message.lang,
      ...(message.style ? { style: message.style } : {}),
    });
  }
  return summarise(predictions);
}

export function isCorrect(p: Prediction): boolean {
  if (p.expected === NONE_INTENT) return p.decision !== 'answer';
  return p.predicted === p.expected;
}

export function summarise(predictions: Prediction[]): EvaluationReport {
  const inScope = predictions.filter((p) => p.expected !== NONE_INTENT);
  const none = predictions.filter((p) => p.expected === NONE_INTENT);
  const english = predictions.filter((p) => p.lang === 'en');
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const tally = (key: (p: Prediction) => string | undefined) => {
    const groups: Record<string, { total: number; correct: number; accuracy: number }> = {};
    for (const p of predictions) {
      const k = key(p);
      if (k === undefined) continue;
      const g = (groups[k] ??= { total: 0, correct: 0, accuracy: 0 });
      g.total += 1;
      if (isCorrect(p)) g.correct += 1;
      g.accuracy = g.correct / g.total;
    }
    return groups;
  };
  const confusionCounts = new Map<string, number>();
  for (const p of predictions) {
    if (isCorrect(p)) continue;
    const key = `${p.expected}\u0000${p.predicted}`;
    confusionCounts.set(key, (confusionCounts.get(key) ?? 0) + 1);
  }
  const confusions = [...confusionCounts.entries()]
    .map(([key, count]) => {
      const [expected = '', predicted = ''] = key.split('\u0000');
      return { expected, predicted, count };
    })
    .sort((a, b) => b.count - a.count);

  return {
    total: predictions.length,
    inScopeAccuracy: share(inScope.filter(isCorrect).length, inScope.length),
    noneRefusal: share(none.filter(isCorrect).length, none.length),
    noneClarified: share(none.filter((p) => p.decision === 'clarify').length, none.length),
    noneNotAnswered: share(none.filter((p) => p.decision === 'fallback').length, none.length),
    englishAccuracy: share(english.filter(isCorrect).length, english.length),
    clarifyRate: share(inScope.filter((p) => p.decision === 'clarify').length, inScope.length),
    perIntent: tally((p) => p.expected),
    perStyle: tally((p) => p.style),
    confusions,
    predictions,
  };
}
