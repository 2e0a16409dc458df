/**
 * Worker-thread entry: trains the models off the main thread and posts back their exports.
 * Training blocks the event loop for seconds on a large corpus; in a worker it blocks nobody.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LogisticRegressionIntentModel } from './logistic-regression-intent-model';
import { NlpJsIntentModel } from './nlpjs-intent-model';
import { TrainingCorpusSchema } from './training-corpus';

async function main(): Promise<void> {
  const corpus = TrainingCorpusSchema.parse(workerData);
  const network = await NlpJsIntentModel.train(corpus);
  const logistic = LogisticRegressionIntentModel.train(corpus);
  parentPort?.postMessage({ exported: network.export(), logistic: logistic.export() });
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
});
