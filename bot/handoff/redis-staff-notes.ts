import type { Redis } from 'ioredis';
import { parseJson, redisFailure } from '../storage/redis-connection';
import { newNote, StaffNoteSchema, type StaffNote, type StaffNotes } from './staff-notes';
import { RedisKeys } from '../storage/redis-keys';

const MAX_NOTES = 200;

/** Notes in a Redis list per conversation (`<prefix>handoff:notes:<id>`), expiring with the retention time. */
export class RedisStaffNotes implements StaffNotes {
  constructor(
    private readonly client: Redis,
    private readonly retentionSeconds: number,
    private readonly keys = new RedisKeys(),
  ) {}

  async add(conversationId: string, note: { author: string; text: string }, now: Date): Promise<StaffNote> {
    const stored = newNote(note, now);
    const key = this.key(conversationId);
    await this.client
      .multi()
      .rpush(key, JSON.stringify(stored))
      .ltrim(key, -MAX_NOTES, -1)
      .expire(key, this.retentionSeconds)
      .exec()
      .catch((error: unknown) => {
        throw redisFailure('staff notes: adding a note', error);
      });
    return stored;
  }

  async list(conversationId: string): Promise<StaffNote[]> {
    const items = await this.client.lrange(this.key(conversationId), 0, -1).catch((error: unknown) => {
      throw redisFailure('staff notes: reading notes', error);
    });
    return items.flatMap((item) => {
      const parsed = StaffNoteSchema.safeParse(parseJson(item));
      return parsed.success ? [parsed.data] : [];
    });
  }

  async forget(conversationId: string): Promise<void> {
    if (!/^[A-Za-z0-9_.~-]{1,200}$/.test(conversationId)) return;
    await this.client.del(this.key(conversationId)).catch((error: unknown) => {
      throw redisFailure('staff notes: deleting notes', error);
    });
  }

  /** The connection belongs to the storage that opened it. */
  async close(): Promise<void> {}

  private key(conversationId: string): string {
    if (!/^[A-Za-z0-9_.~-]{1,200}$/.test(conversationId))
      throw new Error(`conversation id ${JSON.stringify(conversationId)} is not usable in a Redis key`);
    return this.keys.staffNotes(conversationId);
  }
}
