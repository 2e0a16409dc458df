import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { assembleClassifier, type TrainedClassifier } from './intent-classifier';
import {
  LogisticRegressionExportSchema,
  LogisticRegressionIntentModel,
  type LogisticRegressionExport,
} from './logistic-regression-intent-model';
import { NlpJsIntentModel } from './nlpjs-intent-model';
import type { TrainingCorpus } from './training-corpus';

const WorkerReplySchema = z.union([
  z.strictObject({ exported: z.string(), logistic: LogisticRegressionExportSchema }),
  z.strictObject({ error: z.string() }),
]);

/** The compiled worker beside this file (dist/intents/training-worker.js). */
export const DEFAULT_TRAINING_WORKER = path.join(__dirname, 'training-worker.js');

/**
 * Trains a classifier in a worker thread. Only the import of the finished model runs on the
 * calling thread (milliseconds), so message handling goes on while a new model is trained.
 */
export async function trainInWorker(
  corpus: TrainingCorpus,
  workerFile: string = DEFAULT_TRAINING_WORKER,
): Promise<TrainedClassifier> {
  const { exported, logistic } = await new Promise<{ exported: string; logistic: LogisticRegressionExport }>(
    (resolve, reject) => {
      const worker = new Worker(workerFile, { workerData: corpus });
      worker.once('message', (message: unknown) => {
        const reply = WorkerReplySchema.safeParse(message);
        if (!reply.success) reject(new Error(`training worker sent an unexpected reply: ${reply.error.message}`));
        else if ('error' in reply.data) reject(new Error(`training failed: ${reply.data.error}`));
        else resolve(reply.data);
        void worker.terminate();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(`training worker exited with code ${code}`));
      });
    },
  );
  return assembleClassifier(
    NlpJsIntentModel.fromExport(exported),
    LogisticRegressionIntentModel.fromExport(logistic),
    corpus,
  );
}
