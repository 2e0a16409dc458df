import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { ConversationRecord } from '../../bot/conversations/conversation-store';
import { RedisBotStorage } from '../../bot/botframework/redis-bot-storage';
import { createRedisClients, type RedisClients } from '../../bot/storage/redis-connection';
import { RedisConversationStore } from '../../bot/conversations/redis-conversation-store';
import { ifStarted } from '../support/if-started';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';
import { uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import { botStorageContract, conversationStoreContract } from './conversation-store.contract';

const redis = useThrowawayRedis();

/** Connection errors are expected only in the outage tests, which assert on them. */
async function connect(url: string, errors: Error[] = []): Promise<RedisClients> {
  return createRedisClients(url, { onError: (error) => errors.push(error) });
}

conversationStoreContract(
  'RedisConversationStore',
  async ({ retentionSeconds }) => {
    const prefix = uniquePrefix();
    const opened: RedisConversationStore[] = [];
    const open = async (): Promise<RedisConversationStore> => {
      const store = new RedisConversationStore({ ...(await connect(redis.url)), prefix, retentionSeconds });
      opened.push(store);
      return store;
    };
    const store = await open();
    return {
      store,
      openPeer: open,
      cleanup: async () => {
        await Promise.all(opened.map((s) => s.close()));
      },
    };
  },
  { sharedBackend: true },
);

botStorageContract('RedisBotStorage', async () => {
  const { client, subscriber } = await connect(redis.url);
  subscriber.disconnect(); // the storage needs no subscriber
  return {
    storage: new RedisBotStorage({ client, prefix: uniquePrefix(), retentionSeconds: 60 }),
    cleanup: async () => {
      await client.quit();
    },
  };
});

describe('Redis stores on a running Redis', () => {
  let clients: RedisClients;
  let store: RedisConversationStore;
  const prefix = uniquePrefix();
  const listenerErrors: Error[] = [];

  beforeEach(async () => {
    clients = await connect(redis.url);
    store = new RedisConversationStore({
      ...clients,
      prefix,
      retentionSeconds: 600,
      onError: (error) => listenerErrors.push(error),
    });
  });
  afterEach(async () => {
    await store.close();
  });

  it('puts the documented keys in Redis, each with the retention as expiry', async () => {
    const record = newRecord();
    await store.createConversation(record);
    await store.appendActivity(record.id, { type: 'message', text: 'hej' });
    const admin = clients.client;
    expect(await admin.type(`${prefix}conv:${record.id}`)).toBe('string');
    expect(await admin.type(`${prefix}conv:${record.id}:activities`)).toBe('stream');
    for (const key of [`${prefix}conv:${record.id}`, `${prefix}conv:${record.id}:activities`]) {
      const ttl = await admin.ttl(key);
      expect({ key, inRange: ttl > 590 && ttl <= 600 }).toEqual({ key, inRange: true });
    }
    const storage = new RedisBotStorage({ client: admin, prefix, retentionSeconds: 300 });
    await storage.write({ 'dialog/state': { step: 1 } });
    const ttl = await admin.ttl(`${prefix}state:dialog/state`);
    expect(ttl > 290 && ttl <= 300).toBe(true);
  });

  it('treats a record that fails validation as absent', async () => {
    const record = newRecord();
    await clients.client.set(`${prefix}conv:${record.id}`, JSON.stringify({ ...record, municipalityId: '' }));
    expect(await store.getConversation(record.id)).toBeUndefined();
    await clients.client.set(`${prefix}conv:${record.id}`, '{not json');
    expect(await store.getConversation(record.id)).toBeUndefined();
  });

  it('keeps ids that would break key names out of Redis', async () => {
    const record = { ...newRecord(), id: 'victim:activities' };
    await expect(store.createConversation(record)).rejects.toThrow(/not usable in a Redis key|must be 1-200 letters/);
    expect(await store.getConversation('x:activities')).toBeUndefined();
    await expect(store.appendActivity('x|1', { type: 'message' })).rejects.toThrow(/unknown conversation/);
  });

  it('survives a throwing listener: the others are still called and the error is reported', async () => {
    const record = newRecord();
    await store.createConversation(record);
    let called = 0;
    const unsubscribeBroken = store.subscribe(record.id, () => {
      throw new Error('broken listener');
    });
    const unsubscribeGood = store.subscribe(record.id, () => {
      called += 1;
    });
    await sleep(300);
    called = 0;
    listenerErrors.length = 0;
    await expect(store.appendActivity(record.id, { type: 'message', text: 'hej' })).resolves.toBeDefined();
    await waitFor(() => called > 0);
    expect(listenerErrors.map((e) => e.message).join()).toContain('broken listener');
    unsubscribeBroken();
    unsubscribeGood();
  });

  it('shares one subscriber connection, subscribing each channel once and unsubscribing with the last listener', async () => {
    const record = newRecord();
    await store.createConversation(record);
    const channel = `${prefix}conv:${record.id}:hint`;
    const subscribers = async (): Promise<number> => numsub(clients.client, channel);
    const unsubscribers = [
      store.subscribe(record.id, noop),
      store.subscribe(record.id, noop),
      store.subscribe(record.id, noop),
    ];
    await waitFor(async () => (await subscribers()) === 1);
    unsubscribers[0]?.();
    unsubscribers[1]?.();
    await sleep(100);
    expect(await subscribers()).toBe(1);
    unsubscribers[2]?.();
    await waitFor(async () => (await subscribers()) === 0);
  });
});

describe('Redis stores while Redis is down', () => {
  let own: ThrowawayRedis;
  beforeAll(async () => {
    own = await startThrowawayRedis();
  });
  afterAll(async () => {
    await ifStarted(own)?.stop();
  });

  it('reject quickly instead of hanging, and recover when Redis is back', async () => {
    const errors: Error[] = [];
    const clients = await connect(own.url, errors);
    const store = new RedisConversationStore({ ...clients, prefix: uniquePrefix(), retentionSeconds: 600 });
    const storage = new RedisBotStorage({ client: clients.client, retentionSeconds: 600 });
    try {
      const before = newRecord();
      await store.createConversation(before);
      let hints = 0;
      const unsubscribe = store.subscribe(before.id, () => {
        hints += 1;
      });
      await sleep(200);

      await own.stop();
      // Fails within a few seconds, with an error rather than a hang.
      const attempts: [() => Promise<unknown>, RegExp][] = [
        [
          () => store.appendActivity(before.id, { type: 'message', text: 'hej' }),
          /^conversation store: appending an activity failed: /,
        ],
        [() => store.getConversation(before.id), /^conversation store: reading a conversation failed: /],
        [() => store.activitiesAfter(before.id, ''), /^conversation store: reading activities failed: /],
        [() => storage.write({ 'some/key/': { step: 1 } }), /^bot state storage: write failed: /],
      ];
      for (const [attempt, message] of attempts) {
        const started = Date.now();
        await expect(attempt()).rejects.toThrow(message);
        expect(Date.now() - started).toBeLessThan(3000);
      }
      // Once the drop is noticed, the cause is named.
      await expect(store.getConversation(before.id)).rejects.toThrow(/not connected to Redis/);
      // The outage is reported through onError (ioredis keeps reconnecting meanwhile).
      await waitFor(() => errors.length > 0);

      // The server comes back empty (no persistence); the same store works again, and its
      // subscription is renewed with a hint, so listeners re-read whatever they missed.
      hints = 0;
      await own.restart();
      const after = newRecord();
      await waitFor(async () => {
        const ok = await store.createConversation(after).then(
          () => true,
          () => false,
        );
        return ok;
      }, 10_000);
      await store.createConversation(before);
      await waitFor(() => hints > 0, 10_000);
      hints = 0;
      await store.appendActivity(before.id, { type: 'message', text: 'tilbage' });
      await waitFor(() => hints > 0);
      unsubscribe();
    } finally {
      await store.close();
    }
  });

  it('fails to connect with a clear error, without the password', async () => {
    const url = `redis://:hemmelig@127.0.0.1:${own.port}`;
    await own.stop();
    await expect(createRedisClients(url)).rejects.toThrow(/^cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1/);
  });
});

function newRecord(): ConversationRecord {
  return { id: `conv-${randomUUID()}`, municipalityId: 'aarhus', origin: '', createdAt: new Date().toISOString() };
}

async function numsub(client: Redis, channel: string): Promise<number> {
  const reply = await client.pubsub('NUMSUB', channel);
  return Number(reply[1]);
}

function noop(): void {
  // A listener that only needs to exist.
}

async function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
