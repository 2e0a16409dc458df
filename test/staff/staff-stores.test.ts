import type { Redis } from 'ioredis';
import { InMemoryCallbackRequestStore } from '../../bot/handoff/in-memory-callback-request-store';
import { RedisCallbackRequestStore } from '../../bot/handoff/redis-callback-request-store';
import { InMemorySignInThrottle } from '../../bot/staff/in-memory-sign-in-throttle';
import { InMemoryStaffSessionStore } from '../../bot/staff/in-memory-staff-session-store';
import { RedisSignInThrottle } from '../../bot/staff/redis-sign-in-throttle';
import { RedisStaffSessionStore } from '../../bot/staff/redis-staff-session-store';
import { commandConnection, uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import {
  callbackRequestStoreContract,
  signInThrottleContract,
  staffSessionStoreContract,
} from './staff-stores.contract';

const redis = useThrowawayRedis();

/** The stores do not own their client, so a fixture quits the ones it opened. */
function closer(): { track(client: Redis): Redis; closeAll(): Promise<void> } {
  const clients: Redis[] = [];
  return {
    track(client) {
      clients.push(client);
      return client;
    },
    async closeAll() {
      await Promise.all(clients.map((client) => client.quit()));
    },
  };
}

async function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// In memory

staffSessionStoreContract(
  'InMemoryStaffSessionStore',
  async (lifetimes) => {
    const store = new InMemoryStaffSessionStore(lifetimes);
    return { store, cleanup: () => store.close() };
  },
  { sharedBackend: false },
);

signInThrottleContract('InMemorySignInThrottle', async (options) => {
  const throttle = new InMemorySignInThrottle(options);
  // Its clock is the callers' `now`, so time passes at once.
  return {
    throttle,
    elapse: async (seconds, from) => new Date(from.getTime() + seconds * 1000),
    cleanup: () => throttle.close(),
  };
});

callbackRequestStoreContract(
  'InMemoryCallbackRequestStore',
  async (retentionSeconds) => {
    let clock = Date.now();
    const store = new InMemoryCallbackRequestStore({ retentionSeconds, now: () => clock });
    return {
      store,
      now: () => new Date(clock),
      elapse: async (seconds) => {
        clock += seconds * 1000;
      },
      cleanup: () => store.close(),
    };
  },
  { sharedBackend: false, shortRetentionSeconds: 3600 },
);

// ---------------------------------------------------------------------------------------------
// Redis

staffSessionStoreContract(
  'RedisStaffSessionStore',
  async (lifetimes) => {
    const prefix = uniquePrefix();
    const clients = closer();
    const open = async (): Promise<RedisStaffSessionStore> =>
      new RedisStaffSessionStore({ client: clients.track(await commandConnection(redis.url)), prefix, ...lifetimes });
    return { store: await open(), openPeer: open, cleanup: () => clients.closeAll() };
  },
  { sharedBackend: true },
);

signInThrottleContract('RedisSignInThrottle', async (options) => {
  const client = await commandConnection(redis.url);
  let throttle: RedisSignInThrottle;
  try {
    throttle = new RedisSignInThrottle({ client, prefix: uniquePrefix(), ...options });
  } catch (error) {
    // Refused options: the fixture's connection must not outlive the test.
    await client.quit();
    throw error;
  }
  return {
    throttle,
    // Redis keeps time by key expiry: really wait.
    elapse: async (seconds) => {
      await sleep(seconds * 1000);
      return new Date();
    },
    cleanup: async () => {
      await throttle.close();
      await client.quit();
    },
  };
});

callbackRequestStoreContract(
  'RedisCallbackRequestStore',
  async (retentionSeconds) => {
    const prefix = uniquePrefix();
    const clients = closer();
    const open = async (): Promise<RedisCallbackRequestStore> =>
      new RedisCallbackRequestStore({
        client: clients.track(await commandConnection(redis.url)),
        prefix,
        retentionSeconds,
      });
    return {
      store: await open(),
      openPeer: open,
      now: () => new Date(),
      elapse: (seconds) => sleep(seconds * 1000),
      cleanup: () => clients.closeAll(),
    };
  },
  { sharedBackend: true, shortRetentionSeconds: 1 },
);

describe('Redis staff stores on a running Redis', () => {
  let client: Redis;
  let prefix: string;
  beforeEach(async () => {
    client = await commandConnection(redis.url);
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    await client.quit();
  });

  /** Every key under the prefix with its whole content, as a copy of the database would have it. */
  async function dump(): Promise<{ key: string; type: string; content: string; ttl: number }[]> {
    const keys = await client.keys(`${prefix}*`);
    return Promise.all(
      keys.map(async (key) => {
        const type = await client.type(key);
        const content =
          type === 'string'
            ? ((await client.get(key)) ?? '')
            : type === 'set'
              ? (await client.smembers(key)).join('\n')
              : '';
        return { key, type, content, ttl: await client.ttl(key) };
      }),
    );
  }

  it('keeps the raw session id out of every key and value, and expires every key', async () => {
    const store = new RedisStaffSessionStore({ client, prefix, idleSeconds: 600, absoluteSeconds: 3600 });
    const now = new Date();
    const session = await store.create('anna', now);
    await store.get(session.id, now);
    const entries = await dump();
    expect(entries.map((e) => e.type).sort()).toEqual(['set', 'string']);
    for (const entry of entries) {
      expect(entry.key).not.toContain(session.id);
      expect(entry.content).not.toContain(session.id);
      expect({ key: entry.key, expires: entry.ttl > 0 }).toEqual({ key: entry.key, expires: true });
    }
    const sessionEntry = entries.find((e) => e.type === 'string');
    expect(sessionEntry?.ttl).toBeGreaterThan(590);
    expect(sessionEntry?.ttl).toBeLessThanOrEqual(600);
  });

  it('gives a session no longer in Redis than its absolute limit allows', async () => {
    const store = new RedisStaffSessionStore({ client, prefix, idleSeconds: 600, absoluteSeconds: 900 });
    const start = new Date();
    const session = await store.create('anna', start);
    // In use until 800 s in by the callers' clock: 100 s of the absolute limit are left, less than the idle timeout.
    expect(await store.get(session.id, new Date(start.getTime() + 500_000))).toBeDefined();
    expect(await store.get(session.id, new Date(start.getTime() + 800_000))).toBeDefined();
    const ttl = (await dump()).find((e) => e.type === 'string')?.ttl ?? 0;
    expect(ttl).toBeGreaterThan(90);
    expect(ttl).toBeLessThanOrEqual(100);
  });

  it('treats a session entry that fails validation as no session', async () => {
    const store = new RedisStaffSessionStore({ client, prefix, idleSeconds: 600, absoluteSeconds: 3600 });
    const now = new Date();
    const session = await store.create('anna', now);
    const key = (await dump()).find((e) => e.type === 'string')?.key ?? '';
    await client.set(
      key,
      JSON.stringify({
        agentId: 'Not Valid',
        csrfToken: session.csrfToken,
        createdAt: session.createdAt,
        lastSeenAt: session.lastSeenAt,
      }),
    );
    expect(await store.get(session.id, now)).toBeUndefined();
    await client.set(key, '{not json');
    expect(await store.get(session.id, now)).toBeUndefined();
  });

  it('counts sign-in failures in one expiring key per throttle key, with an expiring wait entry once delays begin, hashing very long ones', async () => {
    const throttle = new RedisSignInThrottle({ client, prefix, freeFailures: 2, forgetAfterSeconds: 3600 });
    const longKey = `user+ip:192.0.2.1/${'x'.repeat(300)}`;
    await throttle.recordFailure(['user+ip:2001:db8::1/anna', 'ip:2001:db8::1', longKey]);
    let entries = await dump();
    expect(entries.map((e) => e.key.slice(prefix.length)).sort()).toEqual([
      'staff-sign-in:ip:2001:db8::1',
      expect.stringMatching(/^staff-sign-in:sha256:[0-9a-f]{64}$/),
      'staff-sign-in:user+ip:2001:db8::1/anna',
    ]);
    for (const entry of entries) {
      expect(entry.content).toBe('1');
      expect(entry.ttl).toBeGreaterThan(3590);
    }
    // The second failure reaches freeFailures: the next try waits, in an entry that expires then.
    await throttle.recordFailure(['user+ip:2001:db8::1/anna']);
    entries = await dump();
    const wait = entries.find((e) => e.key === `${prefix}staff-sign-in-wait:user+ip:2001:db8::1/anna`);
    expect(wait).toBeDefined();
    expect(await client.pttl(wait?.key ?? '')).toBeGreaterThan(0);
    expect(await client.pttl(wait?.key ?? '')).toBeLessThanOrEqual(1000);
    // A success clears both.
    await throttle.reset(['user+ip:2001:db8::1/anna']);
    expect((await dump()).map((e) => e.key.slice(prefix.length)).filter((k) => k.includes('anna'))).toEqual([]);
  });

  it('drops the ids of expired callback requests from their queue when listing', async () => {
    const store = new RedisCallbackRequestStore({ client, prefix, retentionSeconds: 3600 });
    const request = {
      municipalityId: 'boegely',
      queueId: 'faelles',
      language: 'en' as const,
      phone: '+45 12 34 56 78',
      message: 'Please call me',
    };
    const gone = await store.add(request, new Date());
    const kept = await store.add(request, new Date(Date.now() + 1000));
    const queueKey = `${prefix}callback-queue:faelles`;
    expect(await client.ttl(queueKey)).toBeGreaterThan(3590);
    expect(await client.ttl(`${prefix}callback:${kept.id}`)).toBeGreaterThan(3590);
    // As if its retention had run out.
    await client.del(`${prefix}callback:${gone.id}`);
    expect(await client.zcard(queueKey)).toBe(2);
    expect(await store.list(['faelles'])).toEqual([kept]);
    expect(await client.zrange(queueKey, '0', '-1')).toEqual([kept.id]);
  });

  it('hides a callback request that fails validation or sits in another queue', async () => {
    const store = new RedisCallbackRequestStore({ client, prefix, retentionSeconds: 3600 });
    const request = {
      municipalityId: 'boegely',
      queueId: 'faelles',
      language: 'da' as const,
      phone: '+45 12 34 56 78',
      message: 'Ring mig op',
    };
    const tampered = await store.add(request, new Date());
    const moved = await store.add(request, new Date());
    await client.set(`${prefix}callback:${tampered.id}`, JSON.stringify({ ...tampered, phone: 'ring 900 numre' }));
    await client.set(`${prefix}callback:${moved.id}`, JSON.stringify({ ...moved, queueId: 'andet' }));
    expect(await store.list(['faelles'])).toEqual([]);
    expect(await store.remove(tampered.id)).toBe(true);
  });
});
