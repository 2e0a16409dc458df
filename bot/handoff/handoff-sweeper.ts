import type { Logger } from '../runtime/logger';
import type { HandoffDesk } from './handoff-desk';

export interface HandoffSweeperOptions {
  /** How often to look; every instance sweeps, and the queue's compare-and-set makes each action happen once. */
  readonly intervalMs: number;
  /** A citizen waiting this long is offered the phone and a callback (once). */
  readonly waitOfferMs: number;
  /** A citizen whose chat has been gone this long leaves the queue (or is reported to their agent). */
  readonly citizenGraceMs: number;
  readonly now?: () => Date;
}

/**
 * The queue's housekeeping, on a timer: conversations whose agent has gone (no heartbeat for the
 * grace period: closed console, lost network, dead instance) go back to the front of the queue;
 * citizens whose chat has been gone past theirs leave the queue (or their agent is told);
 * citizens who have waited long are offered alternatives; entries whose conversation was deleted
 * or has expired leave the queue.
 */
export class HandoffSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly desk: HandoffDesk,
    private readonly options: HandoffSweeperOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweepOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sweep; overlapping calls share the one in progress. */
  sweepOnce(): Promise<void> {
    this.running ??= this.sweep()
      .catch((error: unknown) =>
        this.logger.warn(
          { err: { message: error instanceof Error ? error.message : String(error) } },
          'handoff sweep failed',
        ),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async sweep(): Promise<void> {
    const { waitOfferMs, citizenGraceMs } = this.options;
    await this.desk.tidy(this.options.now?.() ?? new Date(), { waitOfferMs, citizenGraceMs });
  }
}
