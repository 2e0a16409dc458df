import { setImmediate as nextTick } from 'node:timers/promises';
import { z } from 'zod';
import { CharacterNgramDataSchema, CharacterNgramModel } from './character-ngram-model';
import type { TrainedClassifier } from './intent-classifier';
import { KnownWords, KnownWordsDataSchema } from './known-words';
import { LanguageDetector, LanguageDetectorDataSchema } from './language-detector';
import { LogisticRegressionExportSchema, LogisticRegressionIntentModel } from './logistic-regression-intent-model';
import { NlpJsIntentModel } from './nlpjs-intent-model';

/**
 * Everything trained from one corpus, as data: the NLP.js network's export and the other voices'
 * indexes as maps, sets and typed arrays. A training worker builds it all, so the thread that
 * answers citizens only imports it; it also survives v8 serialisation, for the model store.
 */
export const TrainedClassifierExportSchema = z.strictObject({
  network: z.string().min(1),
  logistic: LogisticRegressionExportSchema,
  ngrams: CharacterNgramDataSchema,
  knownWords: KnownWordsDataSchema,
  languages: LanguageDetectorDataSchema,
});
export type TrainedClassifierExport = z.infer<typeof TrainedClassifierExportSchema>;

export function exportClassifier(trained: TrainedClassifier): TrainedClassifierExport {
  return {
    network: trained.network.export(),
    logistic: trained.logistic.export(),
    ngrams: trained.ngrams.data,
    knownWords: trained.knownWords.data,
    languages: trained.languages.data,
  };
}

/**
 * The classifier from its export. Yields to the event loop between the parts, so that messages
 * waiting meanwhile are answered (by the model still in use) and the longest stall is the NLP.js
 * import alone, not the sum.
 */
export async function importClassifier(exported: TrainedClassifierExport): Promise<TrainedClassifier> {
  const network = NlpJsIntentModel.fromExport(exported.network);
  await nextTick();
  const logistic = LogisticRegressionIntentModel.fromExport(exported.logistic);
  await nextTick();
  return {
    network,
    logistic,
    ngrams: CharacterNgramModel.fromData(exported.ngrams),
    knownWords: KnownWords.fromData(exported.knownWords),
    languages: LanguageDetector.fromData(exported.languages),
  };
}
