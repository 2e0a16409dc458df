import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createRedisClients } from '../../bot/storage/redis-connection';
import { startThrowawayRedis, type ThrowawayRedis } from './throwaway-redis';

/**
 * One throw-away Redis for a whole test file: started in beforeAll, stopped in afterAll. The object
 * is usable at once (its members reach the server started later), so a file can write
 * `const redis = useThrowawayRedis();` at the top and use `redis.url` in its tests.
 */
export function useThrowawayRedis(): ThrowawayRedis {
  let server: ThrowawayRedis | undefined;
  beforeAll(async () => {
    server = await startThrowawayRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const started = (): ThrowawayRedis => {
    if (!server) throw new Error('the throw-away Redis is not running (beforeAll failed)');
    return server;
  };
  return {
    get url() {
      return started().url;
    },
    get port() {
      return started().port;
    },
    stop: () => started().stop(),
    restart: () => started().restart(),
    pause: () => started().pause(),
    resume: () => started().resume(),
  };
}

/** A key prefix per test instead of FLUSHALL: tests cannot see each other's keys, even if one leaks. */
export function uniquePrefix(): string {
  return `test-${randomUUID()}:`;
}

/** A command connection as the server makes it, for stores that need no subscriber. */
export async function commandConnection(url: string): Promise<Redis> {
  const { client, subscriber } = await createRedisClients(url);
  subscriber.disconnect();
  return client;
}
