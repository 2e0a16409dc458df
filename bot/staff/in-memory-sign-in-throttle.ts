import {
  throttleSettings,
  type SignInThrottle,
  type SignInThrottleOptions,
  type ThrottleDecision,
  type ThrottleSettings,
} from './sign-in-throttle';

interface Failures {
  count: number;
  /** The next try must not come before this (ms). */
  waitUntil: number;
  /** The count is forgotten at this time (ms). */
  forgetAt: number;
}

/** Above this many keys, forgotten ones are dropped: an attacker cycling addresses must not grow memory freely. */
const SWEEP_ABOVE = 10_000;
/**
 * Past this, the oldest keys are dropped even if not yet forgotten. That forgets some failures,
 * but an unbounded map is a way to take the server down; several instances use Redis anyway.
 */
const HARD_LIMIT = 100_000;

/** Failure counts in this process's memory, for one instance. */
export class InMemorySignInThrottle implements SignInThrottle {
  private readonly failures = new Map<string, Failures>();
  private readonly settings: ThrottleSettings;

  constructor(options: SignInThrottleOptions = {}) {
    this.settings = throttleSettings(options);
  }

  async check(keys: readonly string[], now: Date): Promise<ThrottleDecision> {
    const at = now.getTime();
    let retryAfterSeconds = 0;
    for (const key of keys) {
      const entry = this.live(key, at);
      if (entry && entry.waitUntil > at)
        retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((entry.waitUntil - at) / 1000));
    }
    return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
  }

  async recordFailure(keys: readonly string[], now: Date): Promise<void> {
    const at = now.getTime();
    if (this.failures.size > SWEEP_ABOVE) this.sweep(at);
    for (const key of keys) {
      const entry = this.live(key, at) ?? { count: 0, waitUntil: 0, forgetAt: 0 };
      entry.count += 1;
      // Two tries that passed check() at once both count; the longer delay wins.
      entry.waitUntil = Math.max(entry.waitUntil, at + this.settings.delayMsAfter(key, entry.count));
      entry.forgetAt = at + this.settings.forgetAfterSeconds * 1000;
      // Re-inserted, so the map stays ordered by last failure for the hard limit.
      this.failures.delete(key);
      this.failures.set(key, entry);
    }
  }

  async reset(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.failures.delete(key);
  }

  async close(): Promise<void> {
    this.failures.clear();
  }

  private live(key: string, at: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && entry.forgetAt <= at) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(at: number): void {
    for (const key of this.failures.keys()) this.live(key, at);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= HARD_LIMIT) break;
      this.failures.delete(key);
    }
  }
}
