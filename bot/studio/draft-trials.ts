import { fingerprintOf, type KnowledgeFiles } from '../../knowledge/knowledge-files';
import { GuideSearch } from '../../knowledge/guide-search';
import type { IntentClassifier } from '../../intents/intent-classifier';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import type { KnowledgeSource } from '../dialogue/live-knowledge';
import { checkKnowledgeFiles, type StudioProblem } from './knowledge-check';

/** The draft, trained: what the test panel and the publish review ask. */
export interface Trial {
  readonly fingerprint: string;
  readonly source: KnowledgeSource & { readonly classifier: Pick<IntentClassifier, 'classify'> };
}

export type TrialStatus =
  | { readonly status: 'training'; readonly progress: number }
  | { readonly status: 'ready'; readonly trial: Trial }
  | { readonly status: 'invalid'; readonly problems: readonly StudioProblem[] }
  | { readonly status: 'failed'; readonly message: string };

/** Until a first training has been timed, progress assumes this long. */
const FIRST_ESTIMATE_MS = 60_000;

/**
 * Trains the shared draft on request, once per content (by fingerprint), off the main thread, and
 * keeps only the newest: the test panel and the review poll `status` until it is ready. A draft
 * that changes meanwhile starts a new training; the old one finishes unseen.
 */
export class DraftTrials {
  private current: { fingerprint: string; startedAt: number; progress?: number; result?: TrialStatus } | undefined;
  private lastDurationMs = FIRST_ESTIMATE_MS;

  /**
   * `train` trains valid files (off the main thread) and reports progress when it can; without
   * reports, progress is estimated from how long the last training took.
   */
  constructor(
    private readonly train: (
      files: KnowledgeFiles,
      knowledge: KnowledgeBase,
      onProgress: (progress: number) => void,
    ) => Promise<Pick<IntentClassifier, 'classify'>>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Where the training of these files stands; starts it when they are new. */
  status(files: KnowledgeFiles): TrialStatus {
    const fingerprint = fingerprintOf(files);
    const current = this.current;
    if (current?.fingerprint === fingerprint) {
      if (current.result?.status === 'failed') {
        // A failure (the assistant still starting, a worker crash) is said once; the next ask tries again.
        this.current = undefined;
        return current.result;
      }
      if (current.result) return current.result;
      const elapsed = this.clock() - current.startedAt;
      // Never 100 % before it is done: the trainer's own report, else an estimate from the last training's duration.
      const estimate = current.progress ?? elapsed / Math.max(1, this.lastDurationMs);
      return { status: 'training', progress: Math.min(0.95, estimate) };
    }
    const started: { fingerprint: string; startedAt: number; progress?: number; result?: TrialStatus } = {
      fingerprint,
      startedAt: this.clock(),
    };
    this.current = started;
    void this.run(files, fingerprint, (progress) => {
      started.progress = progress;
    }).then((result) => {
      started.result = result;
      if (result.status === 'ready') this.lastDurationMs = Math.max(1000, this.clock() - started.startedAt);
    });
    return { status: 'training', progress: 0 };
  }

  /** Resolves when the training of these files has finished (tests, and callers that can wait). */
  async settled(files: KnowledgeFiles, pollMs = 100): Promise<Exclude<TrialStatus, { status: 'training' }>> {
    for (;;) {
      const status = this.status(files);
      if (status.status !== 'training') return status;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private async run(
    files: KnowledgeFiles,
    fingerprint: string,
    onProgress: (progress: number) => void,
  ): Promise<TrialStatus> {
    try {
      const check = await checkKnowledgeFiles(files);
      if (!check.knowledge) return { status: 'invalid', problems: check.problems };
      const { knowledge } = check;
      const classifier = await this.train(files, knowledge, onProgress);
      return {
        status: 'ready',
        trial: { fingerprint, source: { knowledge, guides: new GuideSearch(knowledge.guides), classifier } },
      };
    } catch (error) {
      return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }
}
