import type { Logger } from './logger';

/**
 * A piece of upkeep on a timer (a retention purge): once at start, then every interval; overlapping
 * runs share the one in progress, and a failure is logged and tried again next time. The timer does
 * not keep the process alive.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    /** Logged with a failure, e.g. "insight purge failed". */
    private readonly failureMessage: string,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
    void this.runOnce();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  runOnce(): Promise<void> {
    this.running ??= this.task()
      .catch((error: unknown) =>
        this.logger.warn(
          { err: { message: error instanceof Error ? error.message : String(error) } },
          this.failureMessage,
        ),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
