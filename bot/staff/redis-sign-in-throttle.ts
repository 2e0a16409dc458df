import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { redisFailure } from '../conversations/redis-connection';
import { throttleSettings, type SignInThrottle, type SignInThrottleOptions, type ThrottleDecision, type ThrottleSettings } from './sign-in-throttle';

export interface RedisSignInThrottleOptions extends SignInThrottleOptions {
  /**
   * Command connection (see createRedisClients). Not owned: it is shared with the other Redis
   * stores, and whoever created it closes it.
   */
  readonly client: Redis;
  /** Namespaces every key, so several deployments can share one Redis. */
  readonly prefix?: string;
}

/** Longer keys are hashed: the username part is whatever an attacker typed, and key names should stay small. */
const MAX_READABLE_KEY = 200;

/** CHECK_SCRIPT's reply: failures and milliseconds left, per key. */
const CountsSchema = z.array(z.number().int());

/**
 * Failure counters in Redis, shared by every instance, so guessing is limited however many
 * instances an attacker spreads attempts over. One counter per key, `<prefix>staff-sign-in:<key>`,
 * which expires when its window ends (Redis's clock; the callers' `now` is not used).
 */
export class RedisSignInThrottle implements SignInThrottle {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly settings: ThrottleSettings;

  constructor(options: RedisSignInThrottleOptions) {
    this.settings = throttleSettings(options);
    this.client = options.client;
    this.prefix = options.prefix ?? 'bsa:';
  }

  async check(keys: readonly string[], _now: Date): Promise<ThrottleDecision> {
    if (keys.length === 0) return { allowed: true };
    const reply = await this.command('checking sign-in failures', this.client.eval(CHECK_SCRIPT, keys.length, ...keys.map((key) => this.counterKey(key))));
    const counts = CountsSchema.parse(reply);
    let retryAfterSeconds = 0;
    keys.forEach((key, index) => {
      const failures = counts[2 * index] ?? 0;
      const millisecondsLeft = counts[2 * index + 1] ?? -2;
      if (failures < this.settings.limitFor(key)) return;
      // -1 (no expiry) cannot come from RECORD_SCRIPT; should someone set one by hand, wait a window.
      const seconds = millisecondsLeft === -1 ? this.settings.windowSeconds : Math.ceil(millisecondsLeft / 1000);
      retryAfterSeconds = Math.max(retryAfterSeconds, seconds);
    });
    return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
  }

  async recordFailure(keys: readonly string[], _now: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.command(
      'recording a sign-in failure',
      this.client.eval(RECORD_SCRIPT, keys.length, ...keys.map((key) => this.counterKey(key)), this.settings.windowSeconds),
    );
  }

  async reset(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.command('resetting sign-in failures', this.client.del(...keys.map((key) => this.counterKey(key))));
  }

  /** The client is not owned (see the options), so there is nothing of this throttle's own to close. */
  async close(): Promise<void> {}

  private async command<T>(operation: string, reply: Promise<T>): Promise<T> {
    return reply.catch((error: unknown) => {
      throw redisFailure(`sign-in throttle: ${operation}`, error);
    });
  }

  private counterKey(key: string): string {
    const name = key.length <= MAX_READABLE_KEY ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
    return `${this.prefix}staff-sign-in:${name}`;
  }
}

/**
 * Reads every counter and its time left in one round trip.
 * KEYS: counters. Returns failures, PTTL, failures, PTTL, … in KEYS' order (0 and -2 for none).
 */
const CHECK_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  out[2 * i - 1] = tonumber(redis.call('GET', key)) or 0
  out[2 * i] = redis.call('PTTL', key)
end
return out
`;

/**
 * Counts a failure; the first failure of a window starts it (EXPIRE NX, Redis 7), later ones do
 * not extend it: a fixed window. One script, so a counter is never left without an expiry.
 * KEYS: counters. ARGV: window seconds.
 */
const RECORD_SCRIPT = `
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  redis.call('EXPIRE', key, ARGV[1], 'NX')
end
return #KEYS
`;
