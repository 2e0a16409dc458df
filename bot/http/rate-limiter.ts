export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket per key (a conversation, a client address): `perMinute` requests a minute on
 * average, bursts up to `burst`. Two implementations pass test/conversations/rate-limiter.contract.ts:
 * in this process's memory (one instance), and in Redis (shared by every instance).
 */
export interface RateLimiter {
  /** Takes one token; not allowed (and the seconds to wait) when the key is over its limit. */
  take(key: string): Promise<RateDecision>;
}

export interface RateLimit {
  readonly perMinute: number;
  /** Default: a third of a minute's allowance, at least 1. */
  readonly burst?: number;
}

/** Makes the limiters of one storage; `name` keeps their keys apart where they share a backend. */
export interface RateLimits {
  limiter(name: string, limit: RateLimit): RateLimiter;
}

export function defaultBurst(perMinute: number): number {
  return Math.max(1, Math.ceil(perMinute / 3));
}

/** Limits kept in this process, for one instance (REDIS_URL unset). */
export const inMemoryRateLimits: RateLimits = {
  limiter: (_name, limit) => new InMemoryRateLimiter(limit.perMinute, limit.burst),
};

/** Above this many buckets, full ones are dropped: a flood of new keys must not grow memory without bound. */
const SWEEP_ABOVE = 100_000;

/** The token bucket in this process's memory. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number = defaultBurst(perMinute),
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<RateDecision> {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updated: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.updated) / 60_000) * this.perMinute);
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > SWEEP_ABOVE) this.forgetFullBuckets();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.ceil(((1 - bucket.tokens) / this.perMinute) * 60) };
  }

  /** Buckets that have refilled carry no information; dropping them bounds memory. */
  private forgetFullBuckets(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updated) / 60_000) * this.perMinute >= this.burst) this.buckets.delete(key);
    }
  }
}
