import { AsyncLocalStorage } from 'node:async_hooks';
import { IntentClassifier, type ClassifierSettings } from '../../intents/intent-classifier';
import { trainInWorker } from '../../intents/train-in-worker';
import { trainingCorpusFrom } from '../../intents/training-corpus';
import { GuideSearch } from '../../knowledge/guide-search';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { KnowledgeFiles } from '../../knowledge/knowledge-files';
import {
  corpusKeyOf,
  guidesKeyOf,
  snapshotFromFiles,
  type KnowledgeSnapshot,
  type TrainedModel,
} from './knowledge-snapshot';

export type { TrainedModel } from './knowledge-snapshot';

/** What the dialogue needs from the knowledge base at the moment of a turn. */
export interface KnowledgeSource {
  readonly knowledge: KnowledgeBase;
  readonly guides: GuideSearch;
  readonly classifier: Pick<IntentClassifier, 'classify'>;
  /**
   * Runs a turn against the version current when it starts, throughout, even if another version
   * goes live meanwhile. A source that never changes (tests) need not have it.
   */
  readonly during?: <T>(turn: () => Promise<T>) => Promise<T>;
}

/** A published version, as far as the dialogue needs it (bot/studio/knowledge-version.ts). */
export interface PublishedFiles {
  readonly number: number;
  readonly fingerprint: string;
  readonly files: KnowledgeFiles;
}

/**
 * The knowledge base as the running assistant sees it: one snapshot (knowledge, guide search,
 * classifier) replaced whole by `switchTo` or `reload`. A turn started before a switch keeps the
 * snapshot it started with (`during`), so it answers from the old version or the new, never a mix
 * (an intent the old classifier found, looked up in new knowledge that no longer has it).
 */
export class LiveKnowledge implements KnowledgeSource {
  private readonly pinned = new AsyncLocalStorage<KnowledgeSnapshot>();

  private constructor(
    private snapshot: KnowledgeSnapshot,
    private readonly directory: string | undefined,
    private readonly settings: ClassifierSettings | undefined,
  ) {}

  /** From a folder. With `trainingWorker`, training runs in that worker thread, so the event loop stays free meanwhile. */
  static async load(
    directory?: string,
    options: { settings?: ClassifierSettings; trainingWorker?: string } = {},
  ): Promise<LiveKnowledge> {
    const knowledge = await loadKnowledgeBase(directory);
    const corpus = trainingCorpusFrom(knowledge);
    const classifier = options.trainingWorker
      ? new IntentClassifier(await trainInWorker(corpus, options.trainingWorker), options.settings)
      : await IntentClassifier.train(corpus, options.settings);
    const snapshot = {
      knowledge,
      guides: new GuideSearch(knowledge.guides),
      classifier,
      version: undefined,
      fingerprint: undefined,
      corpusKey: corpusKeyOf(knowledge),
      guidesKey: guidesKeyOf(knowledge),
    };
    return new LiveKnowledge(snapshot, directory, options.settings);
  }

  /** From a published version and its trained model: no training. */
  static async fromVersion(
    version: PublishedFiles,
    model: TrainedModel,
    options: { settings?: ClassifierSettings; directory?: string } = {},
  ): Promise<LiveKnowledge> {
    const snapshot = await snapshotFromFiles(version.files, async () => model, {
      version: version.number,
      ...(options.settings ? { settings: options.settings } : {}),
    });
    return new LiveKnowledge(snapshot, options.directory, options.settings);
  }

  private get current(): KnowledgeSnapshot {
    return this.pinned.getStore() ?? this.snapshot;
  }

  get knowledge(): KnowledgeBase {
    return this.current.knowledge;
  }

  get guides(): GuideSearch {
    return this.current.guides;
  }

  get classifier(): IntentClassifier {
    return this.current.classifier;
  }

  /** The published version answering now; undefined when loaded from a folder. */
  get version(): number | undefined {
    return this.snapshot.version;
  }

  get fingerprint(): string | undefined {
    return this.snapshot.fingerprint;
  }

  /**
   * Pins the newest snapshot, not an inherited one: a turn may be started from inside the async
   * context of an earlier turn (a conversation's queue runs the next message when one finishes),
   * and it must not inherit that turn's version.
   */
  during<T>(turn: () => Promise<T>): Promise<T> {
    return this.pinned.run(this.snapshot, turn);
  }

  /**
   * Goes live with a published version and its trained model (stored by whoever published it):
   * prepared off to the side, then swapped in in one assignment. Throws KnowledgeBaseError (and
   * keeps the current version) if the files are invalid, or if the model is for other files.
   */
  async switchTo(version: PublishedFiles, model: TrainedModel): Promise<void> {
    await this.switchToVersion(version, async () => model);
  }

  /**
   * As switchTo, fetching the model only when the training sentences changed: otherwise the
   * classifier in use is the one the model would give. Says whether a model was imported.
   */
  async switchToVersion(
    version: PublishedFiles,
    model: () => Promise<TrainedModel>,
  ): Promise<{ modelImported: boolean }> {
    const { modelImported, ...snapshot } = await snapshotFromFiles(version.files, model, {
      version: version.number,
      current: this.snapshot,
      ...(this.settings ? { settings: this.settings } : {}),
    });
    this.snapshot = snapshot;
    return { modelImported };
  }

  /** Throws KnowledgeBaseError (and keeps the current version) if the files on disk are invalid. */
  async reload(workerFile?: string): Promise<void> {
    const knowledge = await loadKnowledgeBase(this.directory);
    const corpus = trainingCorpusFrom(knowledge);
    const trained = await trainInWorker(corpus, workerFile);
    this.snapshot = {
      knowledge,
      guides: new GuideSearch(knowledge.guides),
      classifier: new IntentClassifier(trained, this.settings),
      version: undefined,
      fingerprint: undefined,
      corpusKey: corpusKeyOf(knowledge),
      guidesKey: guidesKeyOf(knowledge),
    };
  }
}
