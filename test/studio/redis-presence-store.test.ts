import type { Redis } from 'ioredis';
import { PRESENCE_EXPIRY_SECONDS } from '../../bot/studio/presence-store';
import { RedisPresenceStore } from '../../bot/studio/redis-presence-store';
import { commandConnection, uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import { presenceStoreContract } from './presence-store.contract';

const redis = useThrowawayRedis();

presenceStoreContract('RedisPresenceStore', async () => {
  const prefix = uniquePrefix();
  const opened: Redis[] = [];
  const open = async () => {
    const connection = await commandConnection(redis.url);
    opened.push(connection);
    return new RedisPresenceStore({ client: connection, prefix });
  };
  return {
    store: await open(),
    openPeer: open,
    cleanup: async () => {
      await Promise.all(opened.map((connection) => connection.quit()));
    },
  };
});

describe('RedisPresenceStore on a running Redis', () => {
  it('leaves nothing behind: the key expires shortly after the last heartbeat', async () => {
    const prefix = uniquePrefix();
    const connection = await commandConnection(redis.url);
    try {
      await new RedisPresenceStore({ client: connection, prefix }).beat('guides/pas.md', 'eva', new Date());
      const keys = await connection.keys(`${prefix}*`);
      expect(keys).toEqual([`${prefix}studio:presence:guides/pas.md`]);
      const ttl = await connection.pttl(keys[0] ?? '');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(PRESENCE_EXPIRY_SECONDS * 1000);
    } finally {
      await connection.quit();
    }
  });
});
