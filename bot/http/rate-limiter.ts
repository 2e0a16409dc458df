/**
 * A token bucket per key (a conversation, a client address): `perMinute` requests a minute on
 * average, bursts up to `burst`. In memory, per instance: with several instances each enforces
 * its own share, which is enough to stop one client flooding.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number = Math.max(1, Math.ceil(perMinute / 3)),
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; false (and the seconds to wait) when the key is over its limit. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updated: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updated) / 60_000) * this.perMinute);
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.forgetFullBuckets();
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
