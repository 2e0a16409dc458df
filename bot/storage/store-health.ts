import type { Redis } from 'ioredis';

/** Whether the shared store answers; what /readyz reports. */
export type StoreHealth = 'ok' | 'unavailable';

export interface StoreHealthOptions {
  /** A result is reused this long, so a busy load balancer's probes cost one PING a second at most. */
  readonly cacheMs?: number;
  /** A PING slower than this counts as unavailable; below common probe timeouts (Kubernetes: 1 s). */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/**
 * Asks Redis for a PING on the command connection, so it sees exactly what citizens' requests see
 * (a dropped connection, a paused or overloaded server). Cheap and never hangs: one PING at a
 * time, cached, bounded by `timeoutMs`.
 */
export class RedisStoreHealth {
  private readonly cacheMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private last: { health: StoreHealth; at: number } | undefined;
  private pending: Promise<StoreHealth> | undefined;

  constructor(
    private readonly client: Redis,
    options: StoreHealthOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 500;
    this.now = options.now ?? Date.now;
  }

  check(): Promise<StoreHealth> {
    if (this.last && this.now() - this.last.at < this.cacheMs) return Promise.resolve(this.last.health);
    this.pending ??= this.ping().then((health) => {
      this.last = { health, at: this.now() };
      this.pending = undefined;
      return health;
    });
    return this.pending;
  }

  private async ping(): Promise<StoreHealth> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<StoreHealth>((resolve) => {
      timer = setTimeout(() => resolve('unavailable'), this.timeoutMs);
    });
    // Refused at once while disconnected (no offline queue), or timed out by the connection.
    // ioredis types the reply as 'PONG'; whatever answers is checked, not trusted to be Redis.
    const answered = this.client.ping().then(
      (reply: string): StoreHealth => (reply === 'PONG' ? 'ok' : 'unavailable'),
      (): StoreHealth => 'unavailable',
    );
    try {
      return await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
