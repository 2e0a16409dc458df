import type { ClassifierSettings } from '../../intents/intent-classifier';
import { fingerprintOf, KnowledgeFilesSchema, type KnowledgeFiles } from '../../knowledge/knowledge-files';
import { snapshotFromFiles, type KnowledgeSnapshot } from '../dialogue/knowledge-snapshot';
import type { KnowledgeAnnouncer } from './knowledge-announcer';
import type { KnowledgeTrainer, ProgressListener } from './knowledge-trainer';
import type { KnowledgeVersion } from './knowledge-version';
import type { KnowledgeVersionStore } from './knowledge-version-store';
import type { ModelExport } from './model-export';
import type { ModelExportStore } from './model-export-store';

export interface KnowledgePublisherOptions {
  readonly versions: KnowledgeVersionStore;
  readonly models: ModelExportStore;
  readonly announcer: KnowledgeAnnouncer;
  readonly trainer: Pick<KnowledgeTrainer, 'train'>;
  readonly settings?: ClassifierSettings;
}

export interface PublicationDetails {
  readonly author: string;
  readonly comment: string;
  /** The version this one restores (a rollback). */
  readonly restores?: number;
}

interface Training {
  readonly done: Promise<ModelExport>;
  readonly listeners: Set<ProgressListener>;
  readonly progress: number;
}

/**
 * What the studio calls: trains a draft to try it, and publishes a new version. Publishing
 * validates (KnowledgeBaseError with every problem), trains in a worker (or reuses the model
 * trained for the review of the same files), stores the model, publishes the version
 * (VersionConflictError when another was published since `basedOn`) and announces it: every
 * instance's KnowledgeFollower then switches without training.
 */
export class KnowledgePublisher {
  /** Trainings under way by fingerprint: the studio asks again while one runs, it is not started twice. */
  private readonly trainings = new Map<string, Training>();

  constructor(private readonly options: KnowledgePublisherOptions) {}

  async publish(
    files: KnowledgeFiles,
    details: PublicationDetails,
    basedOn: number,
    onProgress: ProgressListener = () => undefined,
  ): Promise<KnowledgeVersion> {
    const valid = KnowledgeFilesSchema.parse(files);
    await this.modelFor(valid, (progress) => onProgress(progress * 0.9));
    const version = await this.options.versions.publish(
      {
        files: valid,
        author: details.author,
        comment: details.comment,
        ...(details.restores !== undefined ? { restores: details.restores } : {}),
      },
      basedOn,
    );
    onProgress(0.95);
    await this.options.announcer.announce({ number: version.number, fingerprint: version.fingerprint });
    onProgress(1);
    return version;
  }

  /**
   * A draft trained for trying questions and the regression review, without publishing it. Its
   * model is stored, so publishing the same files afterwards does not train again.
   */
  async trainDraft(files: KnowledgeFiles, onProgress: ProgressListener = () => undefined): Promise<KnowledgeSnapshot> {
    const valid = KnowledgeFilesSchema.parse(files);
    const model = await this.modelFor(valid, onProgress);
    return snapshotFromFiles(valid, async () => model, {
      version: undefined,
      ...(this.options.settings ? { settings: this.options.settings } : {}),
    });
  }

  /** How far the training of these files is (0–1), or undefined when none runs. */
  progressOf(files: KnowledgeFiles): number | undefined {
    return this.trainings.get(fingerprintOf(files))?.progress;
  }

  private async modelFor(files: KnowledgeFiles, onProgress: ProgressListener): Promise<ModelExport> {
    const fingerprint = fingerprintOf(files);
    const running = this.trainings.get(fingerprint);
    if (running) {
      running.listeners.add(onProgress);
      onProgress(running.progress);
      return running.done;
    }
    const listeners = new Set([onProgress]);
    const state = { progress: 0 };
    const report = (progress: number) => {
      state.progress = progress;
      for (const listener of listeners) listener(progress);
    };
    // Registered before the first await, so a second call for the same files joins this one.
    const done = (async () => {
      const stored = await this.options.models.get(fingerprint);
      if (stored) return stored;
      const { model } = await this.options.trainer.train(files, report);
      await this.options.models.put(model);
      return model;
    })().finally(() => this.trainings.delete(fingerprint));
    const training: Training = {
      done,
      listeners,
      get progress() {
        return state.progress;
      },
    };
    this.trainings.set(fingerprint, training);
    const model = await training.done;
    onProgress(1);
    return model;
  }
}
