import { IntentClassifier, type ClassifierSettings } from '../intent-classifier';
import type { TrainingCorpus, TrainingExample } from '../training-corpus';
import { evaluate, summarise, type EvaluationReport } from './evaluate';
import type { LabelledMessage } from './labelled-message';

export interface CrossValidationReport {
  readonly folds: number;
  readonly overall: EvaluationReport;
  /** In-scope intents with the lowest held-out accuracy, weakest first. */
  readonly weakestIntents: { intent: string; accuracy: number; total: number }[];
}

/**
 * k-fold cross-validation of the training sentences: each sentence is classified by a model that
 * never saw it. Names the intents whose training data is too thin or overlaps a neighbour's.
 */
export async function crossValidate(
  corpus: TrainingCorpus,
  folds = 5,
  settings?: ClassifierSettings,
): Promise<CrossValidationReport> {
  const predictions = [];
  for (const { training, heldOut } of splitIntoFolds(corpus, folds)) {
    const classifier = await IntentClassifier.train(training, settings);
    predictions.push(...(await evaluate(classifier, heldOut)).predictions);
  }
  const overall = summarise(predictions);
  const weakestIntents = Object.entries(overall.perIntent)
    .filter(([intent]) => intent !== 'None')
    .map(([intent, g]) => ({ intent, accuracy: g.accuracy, total: g.total }))
    .sort((a, b) => a.accuracy - b.accuracy)
    .slice(0, 10);
  return { folds, overall, weakestIntents };
}

export interface Fold {
  readonly training: TrainingCorpus;
  readonly heldOut: LabelledMessage[];
}

/** Deals each intent's sentences round-robin, so every fold holds out a share of every intent. */
export function splitIntoFolds(corpus: TrainingCorpus, folds: number): Fold[] {
  const split: Fold[] = Array.from({ length: folds }, () => ({ training: { da: [], en: [] }, heldOut: [] }));
  for (const lang of ['da', 'en'] as const) {
    const byIntent = new Map<string, TrainingExample[]>();
    for (const example of corpus[lang])
      byIntent.set(example.intent, [...(byIntent.get(example.intent) ?? []), example]);
    for (const examples of byIntent.values()) {
      examples.forEach((example, index) => {
        split.forEach((fold, number) => {
          if (number === index % folds) fold.heldOut.push({ text: example.text, intent: example.intent, lang });
          else fold.training[lang].push(example);
        });
      });
    }
  }
  return split;
}
