import { trainExportInWorker } from '../../intents/train-in-worker';
import { trainingCorpusFrom } from '../../intents/training-corpus';
import { fingerprintOf, type KnowledgeFiles } from '../../knowledge/knowledge-files';
import { loadKnowledgeFromFiles, type KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { MODEL_EXPORT_FORMAT, type ModelExport } from './model-export';

/** 0–1 as the studio shows it; a guess while the worker trains (it reports nothing until done). */
export type ProgressListener = (progress: number) => void;

/** Until a training has been timed, a guess for this machine's first one. */
const FIRST_TRAINING_GUESS_MS = 30_000;

/**
 * Validates a set of files with the knowledge loader's rules (throws its KnowledgeBaseError with
 * every problem) and trains the classifier for them in a worker thread. Progress is estimated from
 * how long the previous training took: the worker itself cannot say how far it is.
 */
export class KnowledgeTrainer {
  private lastTrainingMs = FIRST_TRAINING_GUESS_MS;

  constructor(private readonly trainingWorker?: string) {}

  async train(
    files: KnowledgeFiles,
    onProgress: ProgressListener = () => undefined,
  ): Promise<{ knowledge: KnowledgeBase; model: ModelExport }> {
    onProgress(0);
    const knowledge = await loadKnowledgeFromFiles(files);
    onProgress(0.1);
    const started = Date.now();
    const estimate = setInterval(() => {
      onProgress(0.1 + 0.8 * Math.min(0.95, (Date.now() - started) / this.lastTrainingMs));
    }, 500);
    estimate.unref();
    try {
      const classifier = await trainExportInWorker(trainingCorpusFrom(knowledge), this.trainingWorker);
      this.lastTrainingMs = Date.now() - started;
      onProgress(0.9);
      const model: ModelExport = {
        format: MODEL_EXPORT_FORMAT,
        fingerprint: fingerprintOf(files),
        trainedAt: new Date().toISOString(),
        classifier,
      };
      return { knowledge, model };
    } finally {
      clearInterval(estimate);
    }
  }
}
