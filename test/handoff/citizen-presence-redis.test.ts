import type { Redis } from 'ioredis';
import { RedisCitizenPresence } from '../../bot/handoff/redis-citizen-presence';
import { closeConnection } from '../../bot/storage/redis-connection';
import { RedisKeys } from '../../bot/storage/redis-keys';
import { commandConnection, uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import { citizenPresenceContract } from './citizen-presence.contract';

const redis = useThrowawayRedis();

citizenPresenceContract('RedisCitizenPresence', async () => {
  const prefix = uniquePrefix();
  const clients: Redis[] = [];
  const open = async () => {
    const client = await commandConnection(redis.url);
    clients.push(client);
    return new RedisCitizenPresence({ client, prefix, retentionSeconds: 3600, departureSeconds: 600 });
  };
  const presence = await open();
  return {
    presence,
    openPeer: open,
    startConversation: async (conversationId) => {
      await clients[0]?.set(new RedisKeys(prefix).conversation(conversationId), '{}');
    },
    cleanup: async () => {
      await Promise.all(clients.map((client) => closeConnection(client)));
    },
  };
});

describe('RedisCitizenPresence keys', () => {
  it('notes a citizen as seen only while the conversation exists (a poll racing "Slet samtalen" leaves nothing)', async () => {
    const prefix = uniquePrefix();
    const client = await commandConnection(redis.url);
    try {
      const presence = new RedisCitizenPresence({ client, prefix, retentionSeconds: 3600, departureSeconds: 600 });
      await presence.seen('deleted-already', new Date());
      expect(await presence.lastSeen('deleted-already')).toBeUndefined();
      expect(await client.keys(`${prefix}*`)).toEqual([]);
    } finally {
      await closeConnection(client);
    }
  });

  it('keeps no key without an expiry', async () => {
    const prefix = uniquePrefix();
    const client = await commandConnection(redis.url);
    try {
      const presence = new RedisCitizenPresence({ client, prefix, retentionSeconds: 3600, departureSeconds: 600 });
      const now = new Date();
      await client.set(new RedisKeys(prefix).conversation('c1'), '{}', 'EX', 60);
      await presence.seen('c1', now);
      await presence.markAway('c1', now);
      await presence.departed('c1', {
        id: 'departure-1',
        queueId: 'q',
        municipalityId: 'boegely',
        reason: 'closed',
        at: now.toISOString(),
        waitedSeconds: 5,
        withAgent: false,
      });
      const keys = await client.keys(`${prefix}*`);
      expect(keys.sort()).toEqual(
        ['conv:c1', 'handoff:away:c1', 'handoff:departed:c1', 'handoff:departures:q', 'handoff:seen:c1'].map(
          (k) => prefix + k,
        ),
      );
      for (const key of keys) expect(await client.ttl(key)).toBeGreaterThan(0);
    } finally {
      await closeConnection(client);
    }
  });
});
