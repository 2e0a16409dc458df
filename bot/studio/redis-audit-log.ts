import type { Redis } from 'ioredis';
import { parseJson, redisFailure } from '../storage/redis-connection';
import { RedisKeys } from '../storage/redis-keys';
import type { AuditEntry, AuditLog, AuditRecord } from './audit-log';
import { AuditRecordSchema, auditListOptions, entryOf } from './audit-entries';

/** Redis stream ids ("1733220000000-0"): unique and increasing, assigned by Redis. */
const STREAM_ID = /^\d{1,20}-\d{1,20}$/;
const ListOptionsSchema = auditListOptions(STREAM_ID);

export interface RedisAuditLogOptions {
  /** Command connection (see createRedisClients); not owned, whoever created it closes it. */
  readonly client: Redis;
  readonly prefix?: string;
}

/**
 * The audit log in Redis, shared by every instance: `<prefix>studio:audit`, a stream (XADD) with
 * each entry's record as JSON in the field `record` and its stream id as the entry id. Never
 * trimmed and never expired: the log is kept (run Redis with appendonly yes, README "Storage").
 */
export class RedisAuditLog implements AuditLog {
  private readonly client: Redis;
  private readonly key: string;

  constructor(options: RedisAuditLogOptions) {
    this.client = options.client;
    this.key = new RedisKeys(options.prefix).studioAudit();
  }

  async append(record: AuditRecord): Promise<AuditEntry> {
    const valid = AuditRecordSchema.parse(record);
    const id = await this.command(
      'appending an entry',
      this.client.xadd(this.key, '*', 'record', JSON.stringify(valid)),
    );
    if (typeof id !== 'string') throw new Error('studio audit log: Redis gave no id for an appended entry');
    return entryOf(id, valid);
  }

  async list(options?: { readonly limit?: number; readonly before?: string }): Promise<AuditEntry[]> {
    const { limit, before } = ListOptionsSchema.parse(options);
    const replies = await this.command(
      'listing entries',
      this.client.xrevrange(this.key, before === undefined ? '+' : `(${before}`, '-', 'COUNT', limit),
    );
    return replies.map(([id, fields]) => {
      const index = fields.indexOf('record');
      const parsed = AuditRecordSchema.safeParse(parseJson(fields[index + 1] ?? ''));
      // An entry altered outside the assistant is reported, not hidden: the log is a record.
      if (index < 0 || !parsed.success) throw new Error(`studio audit log: entry ${id} in Redis is not valid`);
      return entryOf(id, parsed.data);
    });
  }

  private async command<T>(operation: string, pending: Promise<T>): Promise<T> {
    return pending.catch((error: unknown) => {
      throw redisFailure(`studio audit log: ${operation}`, error);
    });
  }
}
