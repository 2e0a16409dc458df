import { randomUUID } from 'node:crypto';
import { createRedisClients, type RedisClients } from '../../bot/storage/redis-connection';
import type { QueueEntry } from '../../bot/handoff/handoff-queue';
import { InMemoryHandoffQueue } from '../../bot/handoff/in-memory-handoff-queue';
import { RedisHandoffQueue } from '../../bot/handoff/redis-handoff-queue';
import { ifStarted } from '../support/if-started';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';
import { uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import { handoffQueueContract } from './handoff-queue.contract';

const redis = useThrowawayRedis();

/** Connection errors are expected only in the restart test, which collects them. */
async function connect(url: string, errors: Error[] = []): Promise<RedisClients> {
  return createRedisClients(url, { onError: (error) => errors.push(error) });
}

handoffQueueContract(
  'InMemoryHandoffQueue',
  async ({ retentionSeconds }) => {
    // Retention follows this clock only; everything else takes its time as an argument.
    let clock = Date.now();
    // The contract's throwing listener is reported here rather than as a process warning.
    const reported: Error[] = [];
    const queue = new InMemoryHandoffQueue({
      retentionSeconds,
      now: () => clock,
      onError: (error) => reported.push(error),
    });
    return {
      queue,
      // One process's memory: there is no other instance, so the queue is its own peer.
      openPeer: async () => queue,
      cleanup: () => queue.close(),
      passRetention: async () => {
        clock += retentionSeconds * 1000 + 1000;
      },
    };
  },
  { sharedBackend: false },
);

handoffQueueContract(
  'RedisHandoffQueue',
  async ({ retentionSeconds }) => {
    const prefix = uniquePrefix();
    const opened: RedisHandoffQueue[] = [];
    // The contract's throwing listener is reported here rather than as a process warning.
    const reported: Error[] = [];
    const open = async (): Promise<RedisHandoffQueue> => {
      const queue = new RedisHandoffQueue({
        ...(await connect(redis.url)),
        prefix,
        retentionSeconds,
        onError: (error) => reported.push(error),
      });
      opened.push(queue);
      return queue;
    };
    const queue = await open();
    return {
      queue,
      openPeer: open,
      cleanup: async () => {
        await Promise.all(opened.map((q) => q.close()));
      },
      // Redis expires keys by its own clock (EX whole seconds): wait it out, once.
      passRetention: () => sleep(retentionSeconds * 1000 + 1100),
    };
  },
  { sharedBackend: true },
);

describe('RedisHandoffQueue on a running Redis', () => {
  let clients: RedisClients;
  let queue: RedisHandoffQueue;
  let prefix: string;
  const listenerErrors: Error[] = [];

  beforeEach(async () => {
    prefix = uniquePrefix();
    clients = await connect(redis.url);
    listenerErrors.length = 0;
    queue = new RedisHandoffQueue({
      ...clients,
      prefix,
      retentionSeconds: 600,
      onError: (error) => listenerErrors.push(error),
    });
  });
  afterEach(async () => {
    await queue.close();
  });

  it('puts the documented keys in Redis, waiting entries and assignments with the retention as expiry', async () => {
    const admin = clients.client;
    const [e1, e2] = [newEntry('aarhus', 1), newEntry('aarhus', 2)];
    await queue.enqueue(e1);
    await queue.enqueue(e2);
    await queue.markWaitOffered(e2.conversationId);
    await queue.claim(e1.conversationId, 'agent-1', new Date());
    await queue.heartbeat('agent-1', ['aarhus'], new Date(), 30_000);

    expect(await admin.zrange(`${prefix}handoff:queue:aarhus`, 0, '-1', 'WITHSCORES')).toEqual([
      e2.conversationId,
      String(Date.parse(e2.enqueuedAt)),
    ]);
    for (const key of [
      `${prefix}handoff:entry:${e2.conversationId}`,
      `${prefix}handoff:assigned:${e1.conversationId}`,
      `${prefix}handoff:offered:${e2.conversationId}`,
    ]) {
      const ttl = await admin.ttl(key);
      expect({ key, inRange: ttl > 590 && ttl <= 600 }).toEqual({ key, inRange: true });
    }
    expect(await admin.smembers(`${prefix}handoff:agent:agent-1`)).toEqual([e1.conversationId]);
    expect(await admin.smembers(`${prefix}handoff:assignments`)).toEqual([e1.conversationId]);
    expect(await admin.zrange(`${prefix}handoff:duty:aarhus`, 0, '-1')).toEqual(['agent-1']);
    expect(await admin.exists(`${prefix}handoff:presence:agent-1`)).toBe(1);

    await queue.complete(e1.conversationId, 'agent-1', new Date(Date.now() + 5000));
    expect(await admin.llen(`${prefix}handoff:handling:aarhus`)).toBe(1);
    expect(await admin.exists(`${prefix}handoff:assigned:${e1.conversationId}`)).toBe(0);
    expect(await admin.smembers(`${prefix}handoff:assignments`)).toEqual([]);

    // A returned entry's score is enqueuedAt − 1e13, before every other.
    const e3 = newEntry('aarhus', 3);
    await queue.enqueue(e3);
    await queue.claim(e3.conversationId, 'agent-1', new Date());
    await queue.release(e3.conversationId, 'agent-1', new Date());
    expect(Number(await admin.zscore(`${prefix}handoff:queue:aarhus`, e3.conversationId))).toBe(
      Date.parse(e3.enqueuedAt) - 1e13,
    );
    await queue.cancel(e2.conversationId);
    expect(
      await admin.exists(
        `${prefix}handoff:entry:${e2.conversationId}`,
        `${prefix}handoff:offered:${e2.conversationId}`,
      ),
    ).toBe(0);
  });

  it('sends its scripts by SHA once each connection has them', async () => {
    const stats = async (): Promise<{ eval: number; evalsha: number }> => {
      const info = await clients.client.info('commandstats');
      const calls = (name: string): number => Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
      return { eval: calls('eval'), evalsha: calls('evalsha') };
    };
    // Every script used once, so this connection has them all.
    const warmUp = newEntry('aarhus', 1);
    await queue.enqueue(warmUp);
    await queue.waiting(['aarhus']);
    await queue.position(warmUp.conversationId);
    const before = await stats();
    for (let i = 0; i < 5; i += 1) {
      const e = newEntry('aarhus', 10 + i);
      await queue.enqueue(e);
      await queue.waiting(['aarhus']);
      await queue.position(e.conversationId);
    }
    const after = await stats();
    expect(after.eval - before.eval).toBe(0);
    expect(after.evalsha - before.evalsha).toBeGreaterThanOrEqual(15);
  });

  it('treats entries and assignments that fail validation as absent, and claims past them', async () => {
    const admin = clients.client;
    const [broken, good] = [newEntry('aarhus', 1), newEntry('aarhus', 2)];
    await queue.enqueue(broken);
    await queue.enqueue(good);
    await admin.set(`${prefix}handoff:entry:${broken.conversationId}`, '{not json');
    expect(await queue.waitingEntry(broken.conversationId)).toBeUndefined();
    expect(await queue.position(broken.conversationId)).toBeUndefined();
    expect(await queue.waiting(['aarhus'])).toEqual([good]);
    expect(await queue.position(good.conversationId)).toBe(1);
    expect((await queue.claimNext(['aarhus'], 'agent-1', new Date()))?.entry).toEqual(good);

    // An entry stored under another conversation's key is not that conversation's.
    const impostor = newEntry('aarhus', 3);
    await admin.set(
      `${prefix}handoff:entry:${impostor.conversationId}`,
      JSON.stringify({ ...impostor, conversationId: good.conversationId }),
    );
    await admin.zadd(`${prefix}handoff:queue:aarhus`, 3, impostor.conversationId);
    expect(await queue.waitingEntry(impostor.conversationId)).toBeUndefined();
    expect(await queue.claimNext(['aarhus'], 'agent-1', new Date())).toBeUndefined();

    await admin.set(
      `${prefix}handoff:assigned:${good.conversationId}`,
      JSON.stringify({ entry: good, agentId: 'agent-1', claimedAt: 'yesterday' }),
    );
    expect(await queue.assignment(good.conversationId)).toBeUndefined();
    expect(await queue.assignmentsOf('agent-1')).toEqual([]);
    expect(await queue.complete(good.conversationId, 'agent-1', new Date())).toBeUndefined();
    await admin.set(`${prefix}handoff:presence:agent-2`, '{"expiresAt":"never"}');
    expect(await queue.isOnDuty('agent-2', new Date())).toBe(false);
  });

  it('passes on only queue ids from the channel, and survives a throwing listener', async () => {
    const seen: string[] = [];
    const unsubscribeBroken = queue.subscribe(() => {
      throw new Error('broken listener');
    });
    const unsubscribe = queue.subscribe((queueId) => seen.push(queueId));
    await sleep(300);
    seen.length = 0;
    listenerErrors.length = 0;
    await clients.client.publish(`${prefix}handoff:changed`, 'not a queue:id');
    await queue.enqueue(newEntry('odense', 1));
    await waitFor(() => seen.length > 0);
    expect(seen).toEqual(['odense']);
    expect(listenerErrors.map((e) => e.message).join()).toContain('broken listener');
    unsubscribeBroken();
    unsubscribe();
  });

  it('is seen the same by a second instance with new connections, as after an instance restart', async () => {
    const entries = [newEntry('aarhus', 3), newEntry('aarhus', 1), newEntry('aarhus', 2)];
    for (const e of entries) await queue.enqueue(e);
    const claimed = await queue.claimNext(['aarhus'], 'agent-1', new Date('2030-01-01T10:00:00Z'));
    await queue.markWaitOffered(entries[2]?.conversationId ?? '');
    const waitingBefore = await queue.waiting(['aarhus']);
    await queue.close();

    queue = new RedisHandoffQueue({ ...(await connect(redis.url)), prefix, retentionSeconds: 600 });
    expect(await queue.waiting(['aarhus'])).toEqual(waitingBefore);
    expect(waitingBefore.map((e) => e.conversationId)).toEqual([
      entries[2]?.conversationId,
      entries[0]?.conversationId,
    ]);
    expect(await queue.assignmentsOf('agent-1')).toEqual([claimed]);
    // The offer was made before the restart; it is not made again.
    expect(await queue.markWaitOffered(entries[2]?.conversationId ?? '')).toBe(false);
    expect(await queue.complete(entries[1]?.conversationId ?? '', 'agent-1', new Date('2030-01-01T10:05:00Z'))).toEqual(
      claimed,
    );
    expect(await queue.recentHandlingTimes('aarhus')).toEqual([300_000]);
  });
});

describe('RedisHandoffQueue across a Redis restart with AOF', () => {
  let own: ThrowawayRedis;
  beforeAll(async () => {
    own = await startThrowawayRedis({ appendOnly: true });
  });
  afterAll(async () => {
    await ifStarted(own)?.stop();
  });

  it('keeps waiting entries, their order and assignments, and works again once reconnected', async () => {
    const errors: Error[] = [];
    const clients = await connect(own.url, errors);
    const prefix = uniquePrefix();
    const queue = new RedisHandoffQueue({ ...clients, prefix, retentionSeconds: 3600 });
    try {
      const [e1, e2, e3, e4] = [
        newEntry('aarhus', 1),
        newEntry('aarhus', 2),
        newEntry('aarhus', 3),
        newEntry('aarhus', 4),
      ];
      for (const e of [e3, e1, e4, e2]) await queue.enqueue(e);
      const held = await queue.claim(e1.conversationId, 'agent-1', new Date('2030-01-01T10:00:00Z'));
      await queue.claim(e4.conversationId, 'agent-2', new Date('2030-01-01T10:00:00Z'));
      // A returned entry, to see that its head start survives too.
      const returned = await queue.release(e4.conversationId, 'agent-2', new Date('2030-01-01T10:01:00Z'));
      await queue.heartbeat('agent-1', ['aarhus'], new Date('2030-01-01T10:00:00Z'), 600_000);
      const waitingBefore = await queue.waiting(['aarhus']);
      expect(waitingBefore).toEqual([returned, e2, e3]);

      let hints = 0;
      const unsubscribe = queue.subscribe(() => {
        hints += 1;
      });
      await sleep(300);

      await own.restart();
      // The command connection rejects while it reconnects (no offline queue); retry until it is back.
      await waitFor(
        async () =>
          clients.client.status === 'ready' &&
          (await queue.waiting(['aarhus']).then(
            () => true,
            () => false,
          )),
        15_000,
      );

      expect(await queue.waiting(['aarhus'])).toEqual(waitingBefore);
      expect(await queue.position(e3.conversationId)).toBe(3);
      expect(await queue.assignmentsOf('agent-1')).toEqual([held]);
      expect(await queue.assignment(e1.conversationId)).toEqual(held);
      expect(await queue.isOnDuty('agent-1', new Date('2030-01-01T10:02:00Z'))).toBe(true);

      // The subscriber reconnected too and resubscribed (hinting the queues it knew), and the
      // scripts, gone from the restarted server's cache, run again.
      await waitFor(() => hints > 0, 15_000);
      hints = 0;
      expect((await queue.claimNext(['aarhus'], 'agent-3', new Date('2030-01-01T10:03:00Z')))?.entry).toEqual(returned);
      await waitFor(() => hints > 0);
      expect(await queue.waiting(['aarhus'])).toEqual([e2, e3]);
      unsubscribe();
    } finally {
      await queue.close();
    }
  });
});

function newEntry(queueId: string, enqueuedSecond: number): QueueEntry {
  return {
    conversationId: `conv-${randomUUID()}`,
    queueId,
    municipalityId: queueId,
    language: 'da',
    enqueuedAt: new Date(Date.parse('2030-01-01T09:00:00Z') + enqueuedSecond * 1000).toISOString(),
  };
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
