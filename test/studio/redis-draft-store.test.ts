import type { Redis } from 'ioredis';
import { RedisDraftStore } from '../../bot/studio/redis-draft-store';
import { startThrowawayRedis } from '../support/throwaway-redis';
import { commandConnection, uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import { draftStoreContract } from './draft-store.contract';

const redis = useThrowawayRedis();

draftStoreContract('RedisDraftStore', async () => {
  const prefix = uniquePrefix();
  const opened: Redis[] = [];
  const open = async () => {
    const connection = await commandConnection(redis.url);
    opened.push(connection);
    return new RedisDraftStore({ client: connection, prefix });
  };
  return {
    store: await open(),
    openPeer: open,
    cleanup: async () => {
      await Promise.all(opened.map((connection) => connection.quit()));
    },
  };
});

describe('RedisDraftStore on a running Redis', () => {
  const change = { text: 'a\n', basedOnVersion: 2, editedBy: 'eva', editedAt: '2026-12-03T10:00:00.000Z' };

  it('keeps every draft through an instance kill and a Redis restart (append-only file)', async () => {
    const persistent = await startThrowawayRedis({ appendOnly: true });
    const prefix = uniquePrefix();
    const before = await commandConnection(persistent.url);
    try {
      const store = new RedisDraftStore({ client: before, prefix });
      await store.save({ ...change, path: 'out-of-scope.yaml' }, 0);
      await store.save({ ...change, path: 'out-of-scope.yaml', text: 'b\n' }, 1);
      await store.save({ ...change, path: 'guides/fisketegn.md', text: null }, 0);
      // The instance is killed: its connection is dropped without QUIT.
      before.disconnect();
      await persistent.restart();
      const after = await commandConnection(persistent.url);
      try {
        const reopened = new RedisDraftStore({ client: after, prefix });
        expect((await reopened.list()).map((d) => [d.path, d.revision, d.text])).toEqual([
          ['guides/fisketegn.md', 1, null],
          ['out-of-scope.yaml', 2, 'b\n'],
        ]);
        // The revision check goes on where it left off.
        await expect(reopened.save({ ...change, path: 'out-of-scope.yaml' }, 1)).rejects.toThrow(/revision 2/);
      } finally {
        await after.quit();
      }
    } finally {
      await persistent.stop();
    }
  });

  it('sets no expiry on the drafts', async () => {
    const prefix = uniquePrefix();
    const connection = await commandConnection(redis.url);
    try {
      await new RedisDraftStore({ client: connection, prefix }).save({ ...change, path: 'out-of-scope.yaml' }, 0);
      const keys = await connection.keys(`${prefix}*`);
      expect(keys).toHaveLength(1);
      for (const key of keys) expect(await connection.ttl(key)).toBe(-1);
    } finally {
      await connection.quit();
    }
  });
});
