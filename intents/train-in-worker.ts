import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { TrainedClassifier } from './intent-classifier';
import {
  importClassifier,
  TrainedClassifierExportSchema,
  type TrainedClassifierExport,
} from './trained-classifier-export';
import type { TrainingCorpus } from './training-corpus';

const WorkerReplySchema = z.union([
  z.strictObject({ exported: TrainedClassifierExportSchema }),
  z.strictObject({ error: z.string() }),
]);

/** The compiled worker beside this file (dist/intents/training-worker.js). */
export const DEFAULT_TRAINING_WORKER = path.join(__dirname, 'training-worker.js');

/**
 * Trains a classifier in a worker thread and returns it as data: the worker also builds the
 * indexes, so the calling thread only imports the result (importClassifier) and message handling
 * goes on meanwhile.
 */
export async function trainExportInWorker(
  corpus: TrainingCorpus,
  workerFile: string = DEFAULT_TRAINING_WORKER,
): Promise<TrainedClassifierExport> {
  return new Promise<TrainedClassifierExport>((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: corpus });
    worker.once('message', (message: unknown) => {
      const reply = WorkerReplySchema.safeParse(message);
      if (!reply.success) reject(new Error(`training worker sent an unexpected reply: ${reply.error.message}`));
      else if ('error' in reply.data) reject(new Error(`training failed: ${reply.data.error}`));
      else resolve(reply.data.exported);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`training worker exited with code ${code}`));
    });
  });
}

/** Trains in a worker thread and imports the result (see trainExportInWorker). */
export async function trainInWorker(
  corpus: TrainingCorpus,
  workerFile: string = DEFAULT_TRAINING_WORKER,
): Promise<TrainedClassifier> {
  return importClassifier(await trainExportInWorker(corpus, workerFile));
}
