import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LiveKnowledge } from '../dialogue/live-knowledge';
import type { Logger } from '../runtime/logger';
import type { KnowledgeAnnouncer } from './knowledge-announcer';
import type { KnowledgeTrainer } from './knowledge-trainer';
import type { KnowledgeVersion } from './knowledge-version';
import type { KnowledgeVersionStore } from './knowledge-version-store';
import type { ModelExport } from './model-export';
import type { ModelExportStore } from './model-export-store';

/**
 * Announcements are fire-and-forget (Redis pub/sub keeps nothing for a subscriber that is
 * reconnecting, or whose message arrived while it was busy), so every few seconds each instance
 * also checks whether the version after its own exists: one missing key, nearly free.
 */
export const FOLLOW_POLL_MS = 3_000;

export interface KnowledgeFollowerOptions {
  readonly live: LiveKnowledge;
  readonly versions: KnowledgeVersionStore;
  readonly models: ModelExportStore;
  readonly announcer: KnowledgeAnnouncer;
  /** Trains only when a version's model is missing (expired, or stored by an older release). */
  readonly trainer: Pick<KnowledgeTrainer, 'train'>;
  readonly logger: Logger;
  readonly pollMs?: number;
  /** After each switch, e.g. to write the files back to the knowledge folder (disk mode). */
  readonly onSwitched?: (version: KnowledgeVersion) => Promise<void>;
}

/**
 * Keeps this instance on the newest published version: on an announcement, after a reconnect and
 * on a poll, it loads the newest version and, if its training sentences changed, its stored model,
 * and switches (no training).
 * One catch-up runs at a time; a request meanwhile runs once more afterwards.
 */
export class KnowledgeFollower {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: KnowledgeFollowerOptions) {}

  start(): void {
    this.unsubscribe = this.options.announcer.subscribe({
      onAnnouncement: (announcement) => {
        if (announcement.number > (this.options.live.version ?? 0)) void this.catchUp();
      },
      onReconnect: () => void this.catchUp(),
    });
    this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? FOLLOW_POLL_MS);
    this.timer.unref();
    void this.catchUp();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Switches to the newest version if it is newer than the one answering; resolves when done. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.switchToLatest()
      .catch((error: unknown) => {
        // The old version keeps answering; the next poll tries again.
        this.options.logger.error(
          { err: { message: error instanceof Error ? error.message : String(error) } },
          'knowledge: switching to the newest version failed',
        );
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.catchUp();
        }
      });
    return this.running;
  }

  private async poll(): Promise<void> {
    if (this.running) return;
    const next = await this.options.versions.get((this.options.live.version ?? 0) + 1).catch((error: unknown) => {
      this.options.logger.warn(
        { err: { message: error instanceof Error ? error.message : String(error) } },
        'knowledge: checking for a newer version failed',
      );
      return undefined;
    });
    if (next) await this.catchUp();
  }

  private async switchToLatest(): Promise<void> {
    const { live, versions, logger } = this.options;
    const latest = await versions.latest();
    if (!latest || latest.number <= (live.version ?? 0)) return;
    const started = Date.now();
    // The longest the event loop waited while the version was loaded and swapped in: how long a
    // citizen's message could be held up by the switch (logged, so it is seen in production too).
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    const previous = live.version;
    const { modelImported } = await live.switchToVersion(latest, () => this.modelFor(latest));
    // One timer turn after the swap, so a stall at the very end is counted too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    stalls.disable();
    logger.info(
      {
        version: latest.number,
        previous,
        modelImported,
        ms: Date.now() - started,
        longestStallMs: Math.round(stalls.max / 1e6),
      },
      'knowledge: switched version',
    );
    await this.options.onSwitched?.(latest);
  }

  private async modelFor(version: KnowledgeVersion): Promise<ModelExport> {
    const stored = await this.options.models.get(version.fingerprint);
    if (stored) return stored;
    this.options.logger.warn({ version: version.number }, 'knowledge: no stored model for the version; training');
    const { model } = await this.options.trainer.train(version.files);
    await this.options.models.put(model);
    return model;
  }
}
