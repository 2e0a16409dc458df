import type { Redis } from 'ioredis';
import type { AuditRecord } from '../../bot/studio/audit-log';
import { RedisAuditLog } from '../../bot/studio/redis-audit-log';
import { startThrowawayRedis } from '../support/throwaway-redis';
import { commandConnection, uniquePrefix, useThrowawayRedis } from '../support/use-throwaway-redis';
import { auditLogContract } from './audit-log.contract';

const redis = useThrowawayRedis();

auditLogContract('RedisAuditLog', async () => {
  const prefix = uniquePrefix();
  const opened: Redis[] = [];
  const open = async () => {
    const connection = await commandConnection(redis.url);
    opened.push(connection);
    return new RedisAuditLog({ client: connection, prefix });
  };
  return {
    log: await open(),
    openPeer: open,
    unknownId: '1-0',
    cleanup: async () => {
      await Promise.all(opened.map((connection) => connection.quit()));
    },
  };
});

describe('RedisAuditLog on a running Redis', () => {
  const record = (target: string): AuditRecord => ({
    at: '2026-12-03T10:00:00.000Z',
    actor: 'eva',
    action: 'version.published',
    target,
  });

  it('keeps every entry through an instance kill and a Redis restart (append-only file), never expiring', async () => {
    const persistent = await startThrowawayRedis({ appendOnly: true });
    const prefix = uniquePrefix();
    try {
      const before = await commandConnection(persistent.url);
      const log = new RedisAuditLog({ client: before, prefix });
      const written = [await log.append(record('version 1')), await log.append(record('version 2'))];
      before.disconnect();
      await persistent.restart();
      const after = await commandConnection(persistent.url);
      try {
        const reopened = new RedisAuditLog({ client: after, prefix });
        expect(await reopened.list()).toEqual([...written].reverse());
        const third = await reopened.append(record('version 3'));
        expect(third.id).not.toBe(written[1]?.id);
        expect((await reopened.list()).map((e) => e.target)).toEqual(['version 3', 'version 2', 'version 1']);
        for (const key of await after.keys(`${prefix}*`)) expect(await after.ttl(key)).toBe(-1);
      } finally {
        await after.quit();
      }
    } finally {
      await persistent.stop();
    }
  });
});
