import type { Redis } from 'ioredis';
import { RedisUnansweredStore } from '../../bot/unanswered/redis-unanswered-store';
import { newUnansweredQuestion } from '../../bot/unanswered/unanswered-question';
import { commandConnection, uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import { unansweredStoreContract } from './unanswered-store.contract';

const redis = useThrowawayRedis();

unansweredStoreContract(
  'RedisUnansweredStore',
  async ({ capacity }) => {
    const prefix = uniquePrefix();
    const clients: Redis[] = [];
    const open = async (): Promise<RedisUnansweredStore> => {
      const client = await commandConnection(redis.url);
      clients.push(client);
      return new RedisUnansweredStore({ client, prefix, capacity, retentionSeconds: 600 });
    };
    const store = await open();
    const admin = clients[0]!;
    return {
      store,
      openPeer: open,
      writeMalformed: async (like) => {
        const index = `${prefix}unanswered:index`;
        const score = Date.parse(like.at);
        const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
        await admin.set(`${prefix}unanswered:q:${ids[0]}`, '{not json');
        await admin.set(`${prefix}unanswered:q:${ids[1]}`, JSON.stringify({ ...like, id: ids[1], rawText: 'x' }));
        // A valid question filed under another id.
        await admin.set(`${prefix}unanswered:q:${ids[2]}`, JSON.stringify(like));
        // In the index, but its key is gone.
        await admin.zadd(index, score, ids[0]!, score, ids[1]!, score, ids[2]!, score, ids[3]!, score, 'not-a-uuid');
      },
      cleanup: async () => {
        await Promise.all(clients.map((c) => c.quit()));
      },
    };
  },
  { sharedBackend: true },
);

describe('RedisUnansweredStore on a running Redis', () => {
  let client: Redis;
  let prefix: string;
  beforeEach(async () => {
    client = await commandConnection(redis.url);
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    await client.quit();
  });

  it('puts the documented keys in Redis, each expiring with the retention, and no conversation id', async () => {
    const store = new RedisUnansweredStore({ client, prefix, retentionSeconds: 3600 });
    const question = newUnansweredQuestion(
      {
        conversationId: 'conv-secret-id',
        municipalityId: 'boegely',
        language: 'da',
        redactedText: 'mit cpr er [CPR-nummer fjernet], hvad gør jeg',
        reason: 'fallback',
      },
      new Date(),
    );
    await store.record(question);
    const keys = (await client.keys(`${prefix}*`)).map((key) => key.slice(prefix.length)).sort();
    expect(keys).toEqual(
      [`unanswered:conversation:${question.conversationKey}`, 'unanswered:index', `unanswered:q:${question.id}`].sort(),
    );
    for (const key of keys) {
      const ttl = await client.ttl(`${prefix}${key}`);
      expect({ key, inRange: ttl > 3590 && ttl <= 3600 }).toEqual({ key, inRange: true });
    }
    const everything = JSON.stringify(await Promise.all(keys.map((key) => dump(client, `${prefix}${key}`))));
    expect(everything).not.toContain('conv-secret-id');
  });

  it('reports a Redis failure as an error naming the inbox', async () => {
    const broken = await commandConnection(redis.url);
    broken.disconnect();
    const store = new RedisUnansweredStore({ client: broken, prefix, retentionSeconds: 60 });
    await expect(store.list()).rejects.toThrow(/^unanswered inbox: listing questions failed: /);
    await expect(store.eraseConversation('c')).rejects.toThrow(/^unanswered inbox: erasing/);
    await expect(store.purgeOlderThan(new Date())).rejects.toThrow(/^unanswered inbox: purging/);
  });
});

async function dump(client: Redis, key: string): Promise<unknown> {
  switch (await client.type(key)) {
    case 'string':
      return client.get(key);
    case 'zset':
      return client.zrange(key, '0', '-1');
    case 'set':
      return client.smembers(key);
    default:
      return null;
  }
}
