import type { Redis } from 'ioredis';
import { z } from 'zod';
import { redisFailure } from '../storage/redis-connection';
import { RedisKeys } from '../storage/redis-keys';
import {
  freshPresence,
  PRESENCE_EXPIRY_SECONDS,
  PresenceEditorSchema,
  PresencePathSchema,
  type EditorPresence,
  type PresenceStore,
} from './presence-store';

export interface RedisPresenceStoreOptions {
  /** Command connection (see createRedisClients); not owned, whoever created it closes it. */
  readonly client: Redis;
  readonly prefix?: string;
}

const ScoredMembersSchema = z.array(z.string());

/**
 * Who has which file open, shared by every instance: `<prefix>studio:presence:<path>`, a sorted
 * set of editor id → when last heard from (ms). Each heartbeat drops the expired editors and
 * renews the key's expiry, so a file nobody has open leaves nothing behind.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly client: Redis;
  private readonly keys: RedisKeys;

  constructor(options: RedisPresenceStoreOptions) {
    this.client = options.client;
    this.keys = new RedisKeys(options.prefix);
  }

  async beat(path: string, editorId: string, at: Date): Promise<EditorPresence[]> {
    const key = this.keys.studioPresence(PresencePathSchema.parse(path));
    const editor = PresenceEditorSchema.parse(editorId);
    const oldest = at.getTime() - PRESENCE_EXPIRY_SECONDS * 1000;
    const replies = await this.command(
      `recording that ${editor} has ${path} open`,
      this.client
        .multi()
        .zadd(key, at.getTime(), editor)
        .zremrangebyscore(key, '-inf', oldest)
        .zrange(key, '0', '-1', 'WITHSCORES')
        .pexpire(key, PRESENCE_EXPIRY_SECONDS * 1000)
        .exec(),
    );
    // MULTI answers [error, result] per command; the third is the ZRANGE.
    const [error, members] = replies?.[2] ?? [new Error('the transaction was discarded'), null];
    if (error) throw redisFailure('studio presence: reading who has a file open', error);
    const flat = ScoredMembersSchema.parse(members);
    const entries: [string, number][] = [];
    for (let index = 0; index + 1 < flat.length; index += 2) entries.push([flat[index] ?? '', Number(flat[index + 1])]);
    return freshPresence(entries, at);
  }

  async leave(path: string, editorId: string): Promise<void> {
    const key = this.keys.studioPresence(PresencePathSchema.parse(path));
    await this.command(
      `recording that ${editorId} left ${path}`,
      this.client.zrem(key, PresenceEditorSchema.parse(editorId)),
    );
  }

  private async command<T>(operation: string, pending: Promise<T>): Promise<T> {
    return pending.catch((error: unknown) => {
      throw redisFailure(`studio presence: ${operation}`, error);
    });
  }
}
