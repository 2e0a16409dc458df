import type { Redis } from 'ioredis';
import { createRedisClients } from '../../bot/storage/redis-connection';
import { RedisKeys } from '../../bot/storage/redis-keys';
import { RedisKnowledgeVersionStore } from '../../bot/studio/redis-knowledge-version-store';
import { blobHash } from '../../bot/studio/version-manifest';
import { startThrowawayRedis } from '../support/throwaway-redis';
import { uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import { knowledgeVersionStoreContract } from './knowledge-version-store.contract';

const redis = useThrowawayRedis();

async function client(url = redis.url): Promise<Redis> {
  const clients = await createRedisClients(url);
  clients.subscriber.disconnect(); // the store needs no subscriber
  return clients.client;
}

knowledgeVersionStoreContract('RedisKnowledgeVersionStore', async () => {
  const prefix = uniquePrefix();
  const opened: Redis[] = [];
  const open = async () => {
    const connection = await client();
    opened.push(connection);
    return new RedisKnowledgeVersionStore({ client: connection, prefix });
  };
  const store = await open();
  return {
    store,
    openPeer: open,
    damageFile: async (version, file) => {
      const text = (await store.get(version))?.files[file] ?? '';
      await opened[0]?.set(new RedisKeys(prefix).knowledgeBlob(blobHash(text)), `${text}changed`);
    },
    cleanup: async () => {
      await Promise.all(opened.map((connection) => connection.quit()));
    },
  };
});

describe('RedisKnowledgeVersionStore on a running Redis', () => {
  it('keeps every version through a Redis restart (append-only file)', async () => {
    const persistent = await startThrowawayRedis({ appendOnly: true });
    const prefix = uniquePrefix();
    const before = await client(persistent.url);
    const store = new RedisKnowledgeVersionStore({ client: before, prefix });
    await store.publish({ files: { 'out-of-scope.yaml': 'a\n' }, author: 'eva', comment: 'a' }, 0);
    await store.publish({ files: { 'out-of-scope.yaml': 'b\n' }, author: 'eva', comment: 'b' }, 1);
    await before.quit();
    await persistent.restart();
    const after = await client(persistent.url);
    try {
      const reopened = new RedisKnowledgeVersionStore({ client: after, prefix });
      expect((await reopened.list()).map((v) => v.number)).toEqual([2, 1]);
      expect((await reopened.get(1))?.files).toEqual({ 'out-of-scope.yaml': 'a\n' });
    } finally {
      await after.quit();
      await persistent.stop();
    }
  });

  it('leaves out a stored summary it cannot read, rather than trusting it', async () => {
    const prefix = uniquePrefix();
    const connection = await client();
    try {
      const store = new RedisKnowledgeVersionStore({ client: connection, prefix });
      await store.publish({ files: { 'out-of-scope.yaml': 'a\n' }, author: 'eva', comment: 'a' }, 0);
      await connection.hset(new RedisKeys(prefix).knowledgeSummaries(), '7', '{not json', '8', '{"number":"x"}');
      expect((await store.list()).map((v) => v.number)).toEqual([1]);
    } finally {
      await connection.quit();
    }
  });
});
