import type { Logger } from '../runtime/logger';
import { PeriodicTask } from '../runtime/periodic-task';
import type { UnansweredStore } from './unanswered-store';

export interface UnansweredPurgeOptions {
  /** Questions older than this are deleted (UNANSWERED_RETENTION_DAYS). */
  readonly retentionMs: number;
  /** How often to purge. Every instance purges; deleting what is already gone does nothing. */
  readonly intervalMs: number;
  readonly now?: () => Date;
}

/** Hourly: a question is gone at most an hour after its retention (Redis keys also expire on their own). */
export const UNANSWERED_PURGE_INTERVAL_MS = 3600_000;

/** The unanswered inbox's retention, on a timer: once at start, then every interval. */
export class UnansweredPurge {
  private readonly task: PeriodicTask;

  constructor(
    private readonly store: Pick<UnansweredStore, 'purgeOlderThan'>,
    private readonly options: UnansweredPurgeOptions,
    private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask(() => this.purge(), options.intervalMs, logger, 'unanswered inbox purge failed');
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One purge; overlapping calls share the one in progress. A failure is logged and retried next time. */
  purgeOnce(): Promise<void> {
    return this.task.runOnce();
  }

  private async purge(): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    const purged = await this.store.purgeOlderThan(new Date(now.getTime() - this.options.retentionMs));
    if (purged > 0) this.logger.info({ purged }, 'unanswered inbox: old questions deleted');
  }
}
