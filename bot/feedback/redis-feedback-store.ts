import type { Redis } from 'ioredis';
import { parseJson, redisFailure } from '../storage/redis-connection';
import { FeedbackRecordSchema, type FeedbackRecord, type FeedbackStore } from './feedback-store';
import { RedisKeys } from '../storage/redis-keys';

export interface RedisFeedbackStoreOptions {
  /** Command connection (see createRedisClients); not owned, whoever created it closes it. */
  readonly client: Redis;
  readonly prefix?: string;
  /** Records kept; older ones are dropped as new ones arrive. Default 10,000, as in memory. */
  readonly capacity?: number;
  /** The whole list is deleted after this long without new feedback. Default 90 days. */
  readonly retentionSeconds?: number;
}

/**
 * Feedback from every instance in one capped Redis list, `<prefix>feedback`, newest last. Each
 * record is appended, the list trimmed to `capacity` and its expiry renewed in one MULTI, so the
 * list never outgrows its cap and never outlives its retention. Records hold no personal data
 * (ids, intent, 👍/👎), so a list that outlives the conversations it mentions is harmless.
 */
export class RedisFeedbackStore implements FeedbackStore {
  private readonly client: Redis;
  private readonly key: string;
  private readonly capacity: number;
  private readonly retentionSeconds: number;

  constructor(options: RedisFeedbackStoreOptions) {
    this.client = options.client;
    this.key = new RedisKeys(options.prefix).feedback();
    this.capacity = options.capacity ?? 10_000;
    this.retentionSeconds = options.retentionSeconds ?? 90 * 24 * 3600;
    for (const [name, value] of [
      ['capacity', this.capacity],
      ['retentionSeconds', this.retentionSeconds],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1, not ${value}`);
    }
  }

  async record(feedback: FeedbackRecord): Promise<void> {
    const valid = FeedbackRecordSchema.parse(feedback);
    const replies = await this.client
      .multi()
      .rpush(this.key, JSON.stringify(valid))
      .ltrim(this.key, -this.capacity, -1)
      .expire(this.key, this.retentionSeconds)
      .exec()
      .catch((error: unknown) => {
        throw redisFailure('feedback store: recording feedback', error);
      });
    const failed = replies?.find(([error]) => error !== null)?.[0];
    if (!replies || failed)
      throw redisFailure('feedback store: recording feedback', failed ?? new Error('transaction aborted'));
  }

  async list(): Promise<readonly FeedbackRecord[]> {
    const texts = await this.client.lrange(this.key, 0, -1).catch((error: unknown) => {
      throw redisFailure('feedback store: listing feedback', error);
    });
    // Whatever fails validation (written by hand, or by another version) is left out, not trusted.
    return texts.flatMap((text) => {
      const parsed = FeedbackRecordSchema.safeParse(parseJson(text));
      return parsed.success ? [parsed.data] : [];
    });
  }
}
