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
export async function crossValidate(corpus: TrainingCorpus, folds = 5, settings?: ClassifierSettings): Promise<CrossValidationReport> {
  const heldOut: LabelledMessage[][] = Array.from({ length: folds }, () => []);
  const training: TrainingCorpus[] = Array.from({ length: folds }, () => ({ da: [], en: [] }));
  for (const lang of ['da', 'en'] as const) {
    // Deal each intent's sentences round-robin so every fold holds a share of every intent.
    const byIntent = new Map<string, TrainingExample[]>();
    for (const example of corpus[lang]) byIntent.set(example.intent, [...(byIntent.get(example.intent) ?? []), example]);
    for (const examples of byIntent.values()) {
      examples.forEach((example, index) => {
        const fold = index % folds;
        heldOut[fold]?.push({ text: example.text, intent: example.intent, lang });
        for (let other = 0; other < folds; other += 1) if (other !== fold) training[other]?.[lang].push(example);
      });
    }
  }
  const predictions = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const classifier = await IntentClassifier.train(training[fold] ?? { da: [], en: [] }, settings);
    predictions.push(...(await evaluate(classifier, heldOut[fold] ?? [])).predictions);
  }
  const overall = summarise(predictions);
  const weakestIntents = Object.entries(overall.perIntent)
    .filter(([intent]) => intent !== 'None')
    .map(([intent, g]) => ({ intent, accuracy: g.accuracy, total: g.total }))
    .sort((a, b) => a.accuracy - b.accuracy)
    .slice(0, 10);
  return { folds, overall, weakestIntents };
}
