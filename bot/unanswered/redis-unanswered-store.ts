import type { Redis } from 'ioredis';
import { z } from 'zod';
import { parseJson, redisFailure } from '../storage/redis-connection';
import { RedisKeys } from '../storage/redis-keys';
import { conversationKey, newestFirst, UnansweredQuestionSchema, type UnansweredQuestion } from './unanswered-question';
import { DEFAULT_UNANSWERED_CAPACITY, type UnansweredFilter, type UnansweredStore } from './unanswered-store';

export interface RedisUnansweredStoreOptions {
  /** Command connection (see createRedisClients); not owned, whoever created it closes it. */
  readonly client: Redis;
  readonly prefix?: string;
  /** Every key expires this long after it was last written: a backstop behind the scheduled purge. */
  readonly retentionSeconds: number;
  /** Questions kept; the oldest are dropped as new ones arrive. Default 20,000, as in memory. */
  readonly capacity?: number;
}

const IdSchema = z.uuid();
/** Ids read or deleted per round trip (MGET, the purge's script). */
const BATCH = 500;

/**
 * The unanswered inbox in Redis, shared by every instance:
 * - `<prefix>unanswered:q:<id>` the question (JSON), expiring after the retention;
 * - `<prefix>unanswered:index` a sorted set of ids by time (ms): listing, the purge and the cap;
 * - `<prefix>unanswered:conversation:<sha256>` a set of the ids one conversation left, for "Slet
 *   samtalen" (the conversation id itself is never stored).
 * Recording, erasing and purging are Lua scripts, so no question is left half-deleted or in the
 * index after its key is gone. The index may still name questions whose key has expired; list()
 * drops those. The question's own key is the truth.
 */
export class RedisUnansweredStore implements UnansweredStore {
  private readonly client: Redis;
  private readonly keys: RedisKeys;
  private readonly retentionSeconds: number;
  private readonly capacity: number;

  constructor(options: RedisUnansweredStoreOptions) {
    this.client = options.client;
    this.keys = new RedisKeys(options.prefix);
    this.retentionSeconds = options.retentionSeconds;
    this.capacity = options.capacity ?? DEFAULT_UNANSWERED_CAPACITY;
    for (const [name, value] of [
      ['retentionSeconds', this.retentionSeconds],
      ['capacity', this.capacity],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1, not ${value}`);
    }
  }

  async record(question: UnansweredQuestion): Promise<void> {
    const valid = UnansweredQuestionSchema.parse(question);
    await this.command(
      'recording a question',
      this.client.eval(
        RECORD_SCRIPT,
        3,
        this.keys.unansweredQuestion(valid.id),
        this.keys.unansweredIndex(),
        this.keys.unansweredOfConversation(valid.conversationKey),
        JSON.stringify(valid),
        this.retentionSeconds,
        Date.parse(valid.at),
        valid.id,
        this.capacity,
        this.keys.unansweredQuestion(''),
      ),
    );
  }

  async list(filter: UnansweredFilter = {}): Promise<UnansweredQuestion[]> {
    const index = this.keys.unansweredIndex();
    const min = filter.since ? String(filter.since.getTime()) : '-inf';
    const ids = await this.command('listing questions', this.client.zrevrangebyscore(index, '+inf', min));
    const questions: UnansweredQuestion[] = [];
    const gone: string[] = [];
    for (let start = 0; start < ids.length; start += BATCH) {
      const chunk = ids.slice(start, start + BATCH);
      const usable = chunk.filter((id) => IdSchema.safeParse(id).success);
      gone.push(...chunk.filter((id) => !usable.includes(id)));
      if (usable.length === 0) continue;
      const texts = await this.command(
        'reading questions',
        this.client.mget(usable.map((id) => this.keys.unansweredQuestion(id))),
      );
      usable.forEach((id, i) => {
        const text = texts[i];
        if (text === null || text === undefined) {
          gone.push(id);
          return;
        }
        // Only this class writes these keys; whatever fails validation (by hand, another version) or
        // sits under another id is not shown to editors, and is left to expire.
        const parsed = UnansweredQuestionSchema.safeParse(parseJson(text));
        if (!parsed.success || parsed.data.id !== id) return;
        if (filter.municipalityId === undefined || parsed.data.municipalityId === filter.municipalityId)
          questions.push(parsed.data);
      });
    }
    if (gone.length > 0) await this.command('dropping expired questions', this.client.zrem(index, ...gone));
    return questions.sort(newestFirst);
  }

  async dismiss(ids: readonly string[]): Promise<number> {
    const usable = [...new Set(ids)].filter((id) => IdSchema.safeParse(id).success);
    if (usable.length === 0) return 0;
    const replies = await this.command(
      'dismissing questions',
      this.client
        .multi()
        .del(...usable.map((id) => this.keys.unansweredQuestion(id)))
        .zrem(this.keys.unansweredIndex(), ...usable)
        .exec(),
    );
    const failed = replies?.find(([error]) => error !== null)?.[0];
    if (!replies || failed)
      throw redisFailure('unanswered inbox: dismissing questions', failed ?? new Error('transaction aborted'));
    return Number(replies[0]?.[1] ?? 0);
  }

  async eraseConversation(conversationId: string): Promise<number> {
    const erased = await this.command(
      "erasing a conversation's questions",
      this.client.eval(
        ERASE_SCRIPT,
        2,
        this.keys.unansweredOfConversation(conversationKey(conversationId)),
        this.keys.unansweredIndex(),
        this.keys.unansweredQuestion(''),
      ),
    );
    return Number(erased);
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    let purged = 0;
    // In batches, so a large purge never holds Redis for long.
    for (;;) {
      const reply = await this.command(
        'purging old questions',
        this.client.eval(
          PURGE_SCRIPT,
          1,
          this.keys.unansweredIndex(),
          cutoff.getTime(),
          this.keys.unansweredQuestion(''),
          BATCH,
        ),
      );
      const [seen, deleted] = z.tuple([z.number(), z.number()]).parse(reply);
      purged += deleted;
      if (seen < BATCH) return purged;
    }
  }

  private async command<T>(operation: string, reply: Promise<T>): Promise<T> {
    return reply.catch((error: unknown) => {
      throw redisFailure(`unanswered inbox: ${operation}`, error);
    });
  }
}

/**
 * Stores the question, indexes it by time and under its conversation, and drops the oldest beyond
 * the cap, in one step. The index and the conversation's set live as long as their newest question.
 * KEYS: question, index, conversation set. ARGV: JSON, retention seconds, time ms, id, capacity,
 * question key prefix.
 */
const RECORD_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[4])
redis.call('EXPIRE', KEYS[3], ARGV[2])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[5])
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  for _, id in ipairs(oldest) do
    redis.call('DEL', ARGV[6] .. id)
    redis.call('ZREM', KEYS[2], id)
  end
end
return 1
`;

/**
 * Deletes a conversation's questions, their index entries and its set. Returns how many questions
 * were deleted. KEYS: conversation set, index. ARGV: question key prefix.
 */
const ERASE_SCRIPT = `
local deleted = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  deleted = deleted + redis.call('DEL', ARGV[1] .. id)
  redis.call('ZREM', KEYS[2], id)
end
redis.call('DEL', KEYS[1])
return deleted
`;

/**
 * Deletes up to ARGV[3] questions from before ARGV[1] (ms) and their index entries. Returns
 * {index entries seen, questions deleted}; the caller repeats while a full batch was seen.
 * Conversation sets are left to expire: an id in them whose question is gone deletes nothing.
 * KEYS: index. ARGV: cutoff ms, question key prefix, batch size.
 */
const PURGE_SCRIPT = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local deleted = 0
for _, id in ipairs(ids) do
  deleted = deleted + redis.call('DEL', ARGV[2] .. id)
  redis.call('ZREM', KEYS[1], id)
end
return {#ids, deleted}
`;
