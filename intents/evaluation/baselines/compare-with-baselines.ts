import type { TrainingCorpus } from '../../training-corpus';
import { evaluate, type EvaluationReport, type MessageClassifier, type Prediction } from '../evaluate';
import type { LabelledMessage } from '../labelled-message';
import { NlpJsDefaultBaseline } from './nlpjs-default-baseline';
import { TfidfLogisticBaseline } from './tfidf-logistic-baseline';

/** One classifier's headline figures, measured alike for ours and the baselines. */
export interface ComparisonRow {
  readonly name: string;
  readonly inScopeAccuracy: number;
  /** Out-of-scope messages met with a plain fallback; a "Mente du …?" counts as answered. */
  readonly outOfScopeNotAnswered: number;
  /** English messages handled right; an out-of-scope one only by a plain fallback. */
  readonly englishAccuracy: number;
}

export function comparisonRow(name: string, report: EvaluationReport): ComparisonRow {
  const english = report.predictions.filter((p) => p.lang === 'en');
  const right = (p: Prediction) => (p.expected === 'None' ? p.decision === 'fallback' : p.predicted === p.expected);
  return {
    name,
    inScopeAccuracy: report.inScopeAccuracy,
    outOfScopeNotAnswered: report.noneNotAnswered,
    englishAccuracy: english.length === 0 ? 0 : english.filter(right).length / english.length,
  };
}

/** Trains both untuned baselines on exactly the training corpus ours learns from and measures them on `messages`. */
export async function evaluateBaselines(
  corpus: TrainingCorpus,
  messages: readonly LabelledMessage[],
): Promise<ComparisonRow[]> {
  const baselines: [string, MessageClassifier][] = [
    ['TF-IDF + logistic regression (untuned)', TfidfLogisticBaseline.train(corpus)],
    ['NLP.js, default settings (untuned)', await NlpJsDefaultBaseline.train(corpus)],
  ];
  const rows: ComparisonRow[] = [];
  for (const [name, classifier] of baselines) rows.push(comparisonRow(name, await evaluate(classifier, messages)));
  return rows;
}
