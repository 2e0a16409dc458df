import { DateTime } from 'luxon';
import { DANISH_TIME_ZONE } from '../handoff/staffed-hours';
import type { Logger } from '../runtime/logger';
import { PeriodicTask } from '../runtime/periodic-task';
import type { InsightStore } from './insight-store';

export interface InsightPurgeOptions {
  /** Event details older than this many days are deleted (INSIGHT_RETENTION_DAYS). */
  readonly retentionDays: number;
  /** Daily aggregates older than this many days are deleted (INSIGHT_AGGREGATE_RETENTION_DAYS). */
  readonly aggregateRetentionDays: number;
  /** How often to purge. Every instance purges; deleting what is already gone does nothing. */
  readonly intervalMs: number;
  readonly now?: () => Date;
}

/** Hourly, as the unanswered inbox's purge. */
export const INSIGHT_PURGE_INTERVAL_MS = 3600_000;

/** The insight retention on a timer (PeriodicTask): once at start, then every interval. */
export class InsightPurge {
  private readonly task: PeriodicTask;

  constructor(
    private readonly store: Pick<InsightStore, 'purge'>,
    private readonly options: InsightPurgeOptions,
    private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask(() => this.purge(), options.intervalMs, logger, 'insight purge failed');
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
    const eventsBefore = new Date(now.getTime() - this.options.retentionDays * 24 * 3600_000);
    const aggregatesBefore =
      DateTime.fromJSDate(now, { zone: DANISH_TIME_ZONE })
        .minus({ days: this.options.aggregateRetentionDays })
        .toISODate() ?? '';
    const purged = await this.store.purge(eventsBefore, aggregatesBefore);
    if (purged > 0) this.logger.info({ purged }, 'insight: old event details deleted');
  }
}
