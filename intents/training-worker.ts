/**
 * Worker-thread entry: trains the models and builds every index off the main thread, and posts
 * back the whole classifier as data (trained-classifier-export.ts). Training blocks the event loop
 * for seconds on a large corpus, building the n-gram index for about one more; in a worker they
 * block nobody.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { assembleClassifier } from './intent-classifier';
import { LogisticRegressionIntentModel } from './logistic-regression-intent-model';
import { NlpJsIntentModel } from './nlpjs-intent-model';
import { exportClassifier } from './trained-classifier-export';
import { TrainingCorpusSchema } from './training-corpus';

async function main(): Promise<void> {
  const corpus = TrainingCorpusSchema.parse(workerData);
  const network = await NlpJsIntentModel.train(corpus);
  const logistic = LogisticRegressionIntentModel.train(corpus);
  parentPort?.postMessage({ exported: exportClassifier(assembleClassifier(network, logistic, corpus)) });
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
});
