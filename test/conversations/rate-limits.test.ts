import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { InMemoryRateLimiter } from '../../bot/http/rate-limiter';
import { RedisRateLimiter, redisRateLimits } from '../../bot/http/redis-rate-limiter';
import { commandConnection, uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import { rateLimiterContract } from './rate-limiter.contract';

const redis = useThrowawayRedis();

async function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

rateLimiterContract(
  'InMemoryRateLimiter',
  async () => {
    let clock = Date.now();
    return {
      limiter: (_name, limit) => new InMemoryRateLimiter(limit.perMinute, limit.burst, () => clock),
      elapse: async (seconds) => {
        clock += seconds * 1000;
      },
      cleanup: async () => {},
    };
  },
  { sharedBackend: false },
);

rateLimiterContract(
  'RedisRateLimiter',
  async () => {
    const prefix = uniquePrefix();
    const [client, peerClient] = await Promise.all([commandConnection(redis.url), commandConnection(redis.url)]);
    return {
      limiter: (name, limit) => redisRateLimits({ client, prefix }).limiter(name, limit),
      peer: (name, limit) => redisRateLimits({ client: peerClient, prefix }).limiter(name, limit),
      // Redis keeps the time: really wait.
      elapse: (seconds) => sleep(seconds * 1000),
      cleanup: async () => {
        await Promise.all([client.quit(), peerClient.quit()]);
      },
    };
  },
  { sharedBackend: true },
);

describe('Redis rate limits on a running Redis', () => {
  let client: Redis;
  let prefix: string;
  beforeEach(async () => {
    client = await commandConnection(redis.url);
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    await client.quit();
  });

  it('keeps one bucket per key that expires once it would be full again', async () => {
    const limiter = new RedisRateLimiter({ client, prefix, name: 'conversations', perMinute: 60, burst: 3 });
    await limiter.take('ip:203.0.113.7');
    await limiter.take(`ip:${'x'.repeat(300)}`);
    const keys = (await client.keys(`${prefix}*`)).map((key) => key.slice(prefix.length));
    // Hashed: no address (or conversation id) in a key name.
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^rate:conversations:[0-9a-f]{32}$/);
    expect(keys.join()).not.toContain('203.0.113.7');
    // One token of 3 used, at one a second: full again in a second.
    const ttl = await client.pttl(
      `${prefix}rate:conversations:${createHash('sha256').update('ip:203.0.113.7').digest('hex').slice(0, 32)}`,
    );
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
  });

  it('lets requests through and warns (once) when Redis fails, rather than refusing citizens', async () => {
    const broken = await commandConnection(redis.url);
    broken.disconnect();
    const warnings: Error[] = [];
    const limiter = new RedisRateLimiter({
      client: broken,
      prefix,
      name: 'messages',
      perMinute: 1,
      burst: 1,
      onError: (error) => warnings.push(error),
    });
    for (let i = 0; i < 5; i += 1) expect(await limiter.take('conversation-a')).toEqual({ allowed: true });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/rate limiter .*messages.* failed/);
  });
});
