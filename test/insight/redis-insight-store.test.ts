import type { Redis } from 'ioredis';
import { localDayAndHour } from '../../bot/insight/insight-buckets';
import { RedisInsightStore } from '../../bot/insight/redis-insight-store';
import { ifStarted } from '../support/if-started';
import { startThrowawayRedis, type ThrowawayRedis } from '../support/throwaway-redis';
import { commandConnection, uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import { answeredTurn, conversationNamed, insightEvent } from './insight-event-fixtures';
import { insightStoreContract } from './insight-store.contract';

const redis = useThrowawayRedis();

insightStoreContract(
  'RedisInsightStore',
  async () => {
    const prefix = uniquePrefix();
    const clients: Redis[] = [];
    const open = async (): Promise<RedisInsightStore> => {
      const client = await commandConnection(redis.url);
      clients.push(client);
      return new RedisInsightStore({ client, prefix, aggregateRetentionDays: 1830 });
    };
    return {
      store: await open(),
      openPeer: open,
      cleanup: async () => {
        await Promise.all(clients.map((c) => c.quit()));
      },
    };
  },
  { sharedBackend: true },
);

describe('RedisInsightStore on a running Redis', () => {
  let client: Redis;
  beforeAll(async () => {
    client = await commandConnection(redis.url);
  });
  afterAll(async () => {
    await client.quit();
  });

  it('lets a day’s aggregates expire after the aggregate retention, and skips stream entries that fail validation', async () => {
    const prefix = uniquePrefix();
    const store = new RedisInsightStore({ client, prefix, aggregateRetentionDays: 10 });
    const at = new Date(Date.now() - 3600_000).toISOString();
    await store.record(insightEvent(answeredTurn(at)));
    const { day } = localDayAndHour(at);
    const ttl = await client.pttl(`${prefix}insight:day:boegely:${day}`);
    expect(ttl).toBeGreaterThan(9 * 24 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(12 * 24 * 3600_000);
    // The dedupe key and the conversation's mark expire too: nothing outlives its purpose.
    expect(await client.ttl((await client.keys(`${prefix}insight:seen:*`))[0] ?? '')).toBeGreaterThan(0);
    expect(await client.ttl((await client.keys(`${prefix}insight:conversation:*`))[0] ?? '')).toBeGreaterThan(0);
    await client.xadd(`${prefix}insight:events:boegely`, '*', 'e', '{"kind":"turn","text":"hej"}');
    await client.xadd(`${prefix}insight:events:boegely`, '*', 'e', 'not json');
    const events = await store.events(['boegely'], new Date(0), new Date(Date.now() + 3600_000));
    expect(events.map((e) => e.event.at)).toEqual([at]);
  });

  it('reads more events than one page', async () => {
    const prefix = uniquePrefix();
    const store = new RedisInsightStore({ client, prefix, aggregateRetentionDays: 10 });
    const base = Date.now() - 3600_000;
    for (let i = 0; i < 1203; i += 1)
      await store.record(
        insightEvent(answeredTurn(new Date(base + i).toISOString()), { conversation: conversationNamed(`c${i}`) }),
      );
    const events = await store.events(['boegely'], new Date(0), new Date(Date.now() + 60_000));
    expect(events).toHaveLength(1203);
    expect(events.filter((e) => e.startsConversation)).toHaveLength(1203);
  });
});

describe('insight events when Redis restarts (append-only file)', () => {
  let persistent: ThrowawayRedis;
  beforeAll(async () => {
    persistent = await startThrowawayRedis({ appendOnly: true });
  });
  afterAll(async () => {
    await ifStarted(persistent)?.stop();
  });

  it('loses no recorded event or counter, and still counts a repeated event once', async () => {
    const prefix = uniquePrefix();
    const before = await commandConnection(persistent.url);
    const store = new RedisInsightStore({ client: before, prefix, aggregateRetentionDays: 1830 });
    const repeated = insightEvent(answeredTurn('2026-12-02T09:15:00.000Z'), { id: 'abc:turn:activity-9' });
    await store.record(repeated);
    await store.record(
      insightEvent(
        { kind: 'handoff-requested', at: '2026-12-02T09:16:00.000Z', reason: 'asked' },
        {
          conversation: repeated.conversation,
        },
      ),
    );
    await before.quit();
    await persistent.restart();

    const after = await commandConnection(persistent.url);
    try {
      const reopened = new RedisInsightStore({ client: after, prefix, aggregateRetentionDays: 1830 });
      expect(await reopened.record(repeated)).toBe(false);
      const [day] = await reopened.aggregates(['boegely'], ['2026-12-02']);
      expect(day?.fields).toMatchObject({
        messages: 1,
        conversations: 1,
        'conversations-handoff': 1,
        'handoff-requested': 1,
      });
      const events = await reopened.events(['boegely'], new Date('2026-12-02'), new Date('2026-12-03'));
      expect(events.map((e) => e.event.kind)).toEqual(['turn', 'handoff-requested']);
    } finally {
      await after.quit();
    }
  });
});
