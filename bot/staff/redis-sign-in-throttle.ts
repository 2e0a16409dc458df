import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { redisFailure } from '../storage/redis-connection';
import {
  throttleSettings,
  type SignInThrottle,
  type SignInThrottleOptions,
  type ThrottleDecision,
  type ThrottleSettings,
} from './sign-in-throttle';
import { DEFAULT_REDIS_KEY_PREFIX, RedisKeys } from '../storage/redis-keys';

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

/** CHECK_SCRIPT's reply: milliseconds left to wait, per key (-2: not waiting). */
const WaitsSchema = z.array(z.number().int());

/**
 * Failure counts in Redis, shared by every instance, so guessing is slowed however many instances
 * an attacker spreads tries over. Per key two entries: `<prefix>staff-sign-in:<key>` counts the
 * failures and expires `forgetAfterSeconds` after the last one; `<prefix>staff-sign-in-wait:<key>`
 * exists while the next try must wait, and expires when it may come (Redis's clock; the callers'
 * `now` is not used).
 */
export class RedisSignInThrottle implements SignInThrottle {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly keys: RedisKeys;
  private readonly settings: ThrottleSettings;

  constructor(options: RedisSignInThrottleOptions) {
    this.settings = throttleSettings(options);
    this.client = options.client;
    this.prefix = options.prefix ?? DEFAULT_REDIS_KEY_PREFIX;
    this.keys = new RedisKeys(this.prefix);
  }

  async check(keys: readonly string[]): Promise<ThrottleDecision> {
    if (keys.length === 0) return { allowed: true };
    const reply = await this.command(
      'checking sign-in delays',
      this.client.eval(CHECK_SCRIPT, keys.length, ...keys.map((key) => this.waitKey(key))),
    );
    let retryAfterSeconds = 0;
    for (const millisecondsLeft of WaitsSchema.parse(reply)) {
      // -1 (no expiry) cannot come from RECORD_SCRIPT; should someone set one by hand, wait the longest delay.
      const seconds = millisecondsLeft === -1 ? this.settings.maxDelaySeconds : Math.ceil(millisecondsLeft / 1000);
      retryAfterSeconds = Math.max(retryAfterSeconds, seconds);
    }
    return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
  }

  async recordFailure(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.command(
      'recording a sign-in failure',
      this.client.eval(
        RECORD_SCRIPT,
        keys.length * 2,
        ...keys.flatMap((key) => [this.counterKey(key), this.waitKey(key)]),
        this.settings.forgetAfterSeconds,
        this.settings.firstDelaySeconds * 1000,
        this.settings.maxDelaySeconds * 1000,
        ...keys.map((key) => this.settings.freeFailuresFor(key)),
      ),
    );
  }

  async reset(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.command(
      'resetting sign-in failures',
      this.client.del(...keys.flatMap((key) => [this.counterKey(key), this.waitKey(key)])),
    );
  }

  /** The client is not owned (see the options), so there is nothing of this throttle's own to close. */
  async close(): Promise<void> {}

  private async command<T>(operation: string, reply: Promise<T>): Promise<T> {
    return reply.catch((error: unknown) => {
      throw redisFailure(`sign-in throttle: ${operation}`, error);
    });
  }

  private counterKey(key: string): string {
    return this.keys.signInFailures(readable(key));
  }

  private waitKey(key: string): string {
    return this.keys.signInWait(readable(key));
  }
}

function readable(key: string): string {
  return key.length <= MAX_READABLE_KEY ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * Reads every key's time left to wait in one round trip.
 * KEYS: wait entries. Returns PTTL per key in KEYS' order (-2 when not waiting).
 */
const CHECK_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  out[i] = redis.call('PTTL', key)
end
return out
`;

/**
 * Counts a failure per key and, from its free failures on, makes the next try wait: the first
 * delay, doubled per further failure, capped; a longer wait already running is kept. One script,
 * so a counter is never left without its expiry. Mirrors ThrottleSettings.delayMsAfter.
 * KEYS: counter, wait entry, counter, wait entry, … ARGV: forget-after seconds, first delay ms,
 * longest delay ms, then free failures per counter.
 */
const RECORD_SCRIPT = `
local forgetAfter = ARGV[1]
local firstDelay = tonumber(ARGV[2])
local maxDelay = tonumber(ARGV[3])
for i = 1, #KEYS / 2 do
  local counter = KEYS[2 * i - 1]
  local wait = KEYS[2 * i]
  local failures = redis.call('INCR', counter)
  redis.call('EXPIRE', counter, forgetAfter)
  local beyond = failures - tonumber(ARGV[3 + i])
  if beyond >= 0 then
    local delay = math.floor(math.min(maxDelay, firstDelay * 2 ^ math.min(beyond, 40)))
    if redis.call('PTTL', wait) < delay then
      redis.call('SET', wait, failures, 'PX', delay)
    end
  end
end
return #KEYS
`;
