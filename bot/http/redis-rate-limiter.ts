import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { redisFailure } from '../storage/redis-connection';
import { defaultBurst, type RateDecision, type RateLimit, type RateLimiter, type RateLimits } from './rate-limiter';
import { RedisKeys } from '../storage/redis-keys';

export interface RedisRateLimiterOptions extends RateLimit {
  /** Command connection (see createRedisClients); not owned, whoever created it closes it. */
  readonly client: Redis;
  /** Keeps this limiter's keys apart from other limiters' (`conversations`, `messages`). */
  readonly name: string;
  /** Namespaces every key, so several deployments can share one Redis. */
  readonly prefix?: string;
  /** Redis failed and the request was let through; called at most once per quiet period. */
  readonly onError?: (error: Error) => void;
}

const SCRIPT_NAME = 'bsaRateLimitTake';
/** While Redis is down every request fails the same way; one warning per this long is enough. */
const WARN_EVERY_MS = 30_000;

/** The script's reply: 1 and 0 when allowed, 0 and the milliseconds to wait when not. */
const TakeReply = z.tuple([z.union([z.literal(0), z.literal(1)]), z.number().int().min(0)]);

/**
 * The same token bucket as InMemoryRateLimiter, in Redis, so every instance draws from one bucket
 * per key. A Lua script rather than INCR + EXPIRE in fixed windows: it keeps the in-memory
 * limiter's exact behaviour (no double burst at a window's edge, the same Retry-After, one
 * contract for both), it is atomic, and it uses Redis's clock, so instances' clocks do not matter.
 * One hash per key, `<prefix>rate:<name>:<key>`, expiring when the bucket would be full again.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly client: Redis;
  private readonly keys: RedisKeys;
  private readonly name: string;
  private readonly perMinute: number;
  private readonly burst: number;
  private readonly onError: (error: Error) => void;
  private lastWarning = Number.NEGATIVE_INFINITY;

  constructor(options: RedisRateLimiterOptions) {
    this.client = options.client;
    this.keys = new RedisKeys(options.prefix);
    this.name = options.name;
    this.perMinute = options.perMinute;
    this.burst = options.burst ?? defaultBurst(options.perMinute);
    this.onError = options.onError ?? ((error) => process.emitWarning(error.message, 'RateLimiterWarning'));
    // Redefining (another limiter on the same client) replaces the command with the identical script.
    this.client.defineCommand(SCRIPT_NAME, { numberOfKeys: 1, lua: TAKE_SCRIPT });
  }

  async take(key: string): Promise<RateDecision> {
    try {
      const command: unknown = Reflect.get(this.client, SCRIPT_NAME);
      if (typeof command !== 'function') throw new Error(`script command ${SCRIPT_NAME} is not defined on the client`);
      // Commands defined with defineCommand are not in ioredis's types; the reply is checked below.
      const reply: unknown = await Reflect.apply(command, this.client, [
        this.redisKey(key),
        this.perMinute,
        this.burst,
      ]);
      const [allowed, waitMs] = TakeReply.parse(reply);
      return allowed === 1
        ? { allowed: true }
        : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    } catch (error) {
      // Fail open: a limiter only protects against floods, and while Redis is away refusing
      // everyone would turn a Redis outage into a chat outage for every citizen, which is worse
      // than letting a flood through for a while. The warning tells the operator.
      this.warn(redisFailure(`rate limiter ${this.name}`, error));
      return { allowed: true };
    }
  }

  private warn(error: Error): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.onError(error);
  }

  /**
   * Hashed: the keys are client addresses and conversation ids, which a key name would show to
   * anyone listing keys, and would keep after "Slet samtalen" until the bucket expires.
   */
  private redisKey(key: string): string {
    return this.keys.rateBucket(this.name, createHash('sha256').update(key).digest('hex').slice(0, 32));
  }
}

/** Rate limits in Redis for one storage: every limiter on the same connection and prefix. */
export function redisRateLimits(options: {
  client: Redis;
  prefix?: string;
  onError?: (error: Error) => void;
}): RateLimits {
  return { limiter: (name, limit) => new RedisRateLimiter({ ...options, ...limit, name }) };
}

/**
 * Refills the bucket for the time since its last update (Redis's clock), takes a token if there
 * is one, and lets the key expire once the bucket would be full again (it then carries nothing).
 * KEYS[1]: the bucket. ARGV: per minute, burst. Returns {1, 0} or {0, milliseconds to wait}.
 */
const TAKE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local perMinute = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1]) or burst
local updated = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - updated) / 60000 * perMinute)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((burst - tokens) / perMinute * 60000)))
if allowed == 1 then
  return {1, 0}
end
return {0, math.ceil((1 - tokens) / perMinute * 60000)}
`;
