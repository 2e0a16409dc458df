/**
 * Worker-thread entry: trains a model off the main thread and posts back its export.
 * Training blocks the event loop for seconds on a large corpus; in a worker it blocks nobody.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { NlpJsIntentModel } from './nlpjs-intent-model';
import { TrainingCorpusSchema } from './training-corpus';

async function main(): Promise<void> {
  const corpus = TrainingCorpusSchema.parse(workerData);
  const model = await NlpJsIntentModel.train(corpus);
  parentPort?.postMessage({ exported: model.export() });
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
});
