import type { Redis } from 'ioredis';
import { parseJson, redisFailure } from '../storage/redis-connection';
import {
  CallbackRequestSchema,
  checkRetention,
  isCallbackRequestId,
  newCallbackRequest,
  oldestFirst,
  type CallbackRequest,
  type CallbackRequestStore,
  type NewCallbackRequest,
} from './callback-request-store';
import { DEFAULT_REDIS_KEY_PREFIX, RedisKeys } from '../storage/redis-keys';

export interface RedisCallbackRequestStoreOptions {
  /**
   * Command connection (see createRedisClients). Not owned: it is shared with the other Redis
   * stores, and whoever created it closes it.
   */
  readonly client: Redis;
  /** Namespaces every key, so several deployments can share one Redis. */
  readonly prefix?: string;
  readonly retentionSeconds: number;
}

/** Queue ids end up in key names; the same alphabet the request schema allows. */
const QUEUE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Callback requests in Redis, shared by every instance:
 * - `<prefix>callback:<id>` a string with the request (JSON), expiring after the retention;
 * - `<prefix>callback-queue:<queueId>` a sorted set of request ids by creation time (ms), which
 *   lives as long as its newest request. Its ids can outlive their requests; list() drops those.
 * The request's own key is the truth: a request whose key has expired is gone.
 */
export class RedisCallbackRequestStore implements CallbackRequestStore {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly keys: RedisKeys;
  private readonly retentionSeconds: number;

  constructor(options: RedisCallbackRequestStoreOptions) {
    checkRetention(options.retentionSeconds);
    this.client = options.client;
    this.prefix = options.prefix ?? DEFAULT_REDIS_KEY_PREFIX;
    this.keys = new RedisKeys(this.prefix);
    this.retentionSeconds = options.retentionSeconds;
  }

  async add(request: NewCallbackRequest, now: Date): Promise<CallbackRequest> {
    const stored = newCallbackRequest(request, now);
    await this.command(
      'adding a callback request',
      this.client.eval(
        ADD_SCRIPT,
        2,
        this.requestKey(stored.id),
        this.queueKey(stored.queueId),
        JSON.stringify(stored),
        this.retentionSeconds,
        Date.parse(stored.createdAt),
        stored.id,
      ),
    );
    return stored;
  }

  async list(queueIds: readonly string[]): Promise<CallbackRequest[]> {
    const queues = [...new Set(queueIds)].filter((queueId) => QUEUE_ID.test(queueId));
    const perQueue = await Promise.all(queues.map((queueId) => this.listQueue(queueId)));
    return perQueue.flat().sort(oldestFirst);
  }

  async count(queueIds: readonly string[]): Promise<number> {
    // A sorted set's size would count expired requests too; there are few enough to read them all.
    return (await this.list(queueIds)).length;
  }

  async remove(id: string): Promise<boolean> {
    if (!isCallbackRequestId(id)) return false;
    const text = await this.command('reading a callback request', this.client.get(this.requestKey(id)));
    if (text === null) return false;
    const parsed = CallbackRequestSchema.safeParse(parseJson(text));
    const deleted = parsed.success
      ? await this.command(
          'removing a callback request',
          this.client.eval(REMOVE_SCRIPT, 2, this.requestKey(id), this.queueKey(parsed.data.queueId), id),
        )
      : // Unreadable, so its queue is unknown: list() drops the queue's entry once the key is gone.
        await this.command('removing a callback request', this.client.del(this.requestKey(id)));
    // Only the caller whose DEL removed the key is told it removed the request, so two members of
    // staff cannot both think they took it.
    return deleted === 1;
  }

  /** The client is not owned (see the options), so there is nothing of this store's own to close. */
  async close(): Promise<void> {}

  private async listQueue(queueId: string): Promise<CallbackRequest[]> {
    const queueKey = this.queueKey(queueId);
    const ids = await this.command('listing callback requests', this.client.zrange(queueKey, '0', '-1'));
    if (ids.length === 0) return [];
    const texts = await this.command(
      'reading callback requests',
      this.client.mget(ids.map((id) => this.requestKey(id))),
    );
    const requests: CallbackRequest[] = [];
    const expired: string[] = [];
    ids.forEach((id, index) => {
      const text = texts[index];
      if (text === null || text === undefined) {
        expired.push(id);
        return;
      }
      // Only this class writes these keys; an entry that fails validation (tampered, outdated) or
      // sits in the wrong queue is not shown, so staff never phone a number that was not given.
      const parsed = CallbackRequestSchema.safeParse(parseJson(text));
      if (parsed.success && parsed.data.id === id && parsed.data.queueId === queueId) requests.push(parsed.data);
    });
    if (expired.length > 0)
      await this.command('dropping expired callback requests', this.client.zrem(queueKey, ...expired));
    return requests;
  }

  private async command<T>(operation: string, reply: Promise<T>): Promise<T> {
    return reply.catch((error: unknown) => {
      throw redisFailure(`callback request store: ${operation}`, error);
    });
  }

  private requestKey(id: string): string {
    return this.keys.callbackRequest(id);
  }

  private queueKey(queueId: string): string {
    return this.keys.callbackQueue(queueId);
  }
}

/**
 * Stores the request and adds it to its queue in one step. The queue's expiry is renewed to the
 * retention, so it outlives none of its requests by more than that.
 * KEYS: request, queue. ARGV: request JSON, retention seconds, createdAt ms, id.
 */
const ADD_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1
`;

/**
 * Removes the request and its queue entry together. KEYS: request, queue. ARGV: id.
 * Returns how many request keys were deleted (0 or 1).
 */
const REMOVE_SCRIPT = `
local deleted = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return deleted
`;
