import type { Activity } from 'botbuilder';
import type { Redis } from 'ioredis';
import { inspect } from 'node:util';
import {
  ConversationRecordSchema,
  type ActivityPage,
  type ConversationRecord,
  type ConversationStore,
} from './conversation-store';
import { asError, closeConnection, parseJson, redisFailure } from '../storage/redis-connection';
import { DEFAULT_REDIS_KEY_PREFIX, RedisKeys } from '../storage/redis-keys';

export interface RedisConversationStoreOptions {
  /** Command connection; see createRedisClients for the options it needs. */
  readonly client: Redis;
  /** A separate connection (client.duplicate()) that the store keeps in subscriber mode. */
  readonly subscriber: Redis;
  /** Namespaces every key and channel, so several deployments can share one Redis. */
  readonly prefix?: string;
  readonly retentionSeconds: number;
  /** Failing hint listeners and failed (UN)SUBSCRIBEs; they must not crash the process. */
  readonly onError?: (error: Error) => void;
}

/**
 * Conversations in Redis, shared by every bot instance:
 * - `<prefix>conv:<id>` a string with the record (JSON),
 * - `<prefix>conv:<id>:activities` a stream with one entry per activity (field `activity`, JSON),
 * - `<prefix>conv:<id>:hint` a pub/sub channel, published to after each append and on delete.
 * Stream ids are the sequence: an activity's id is "<conversationId>|<streamId>" and a watermark is
 * the stream id of the last activity a client has seen.
 *
 * Multi-key scripts need both keys on one node, so this is for a single Redis (or a primary with
 * replicas), not Redis Cluster.
 */
export class RedisConversationStore implements ConversationStore {
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly keys: RedisKeys;
  private readonly retentionSeconds: number;
  private readonly onError: (error: Error) => void;
  /** Subscribed channels and their listeners; the source of truth for (re)subscribing. */
  private readonly channels = new Map<string, Set<Subscription>>();
  private readonly onMessage = (channel: string): void => this.hint(channel);
  private readonly onReady = (): void => this.resubscribeAll();

  constructor(options: RedisConversationStoreOptions) {
    if (!Number.isInteger(options.retentionSeconds) || options.retentionSeconds < 1) {
      // EXPIRE takes whole seconds; 0 or a fraction would delete keys at once or be refused.
      throw new Error(`retentionSeconds must be a whole number of seconds ≥ 1, not ${options.retentionSeconds}`);
    }
    this.client = options.client;
    this.subscriber = options.subscriber;
    this.prefix = options.prefix ?? DEFAULT_REDIS_KEY_PREFIX;
    this.keys = new RedisKeys(this.prefix);
    this.retentionSeconds = options.retentionSeconds;
    this.onError = options.onError ?? reportAsWarning;
    this.subscriber.on('message', this.onMessage);
    this.subscriber.on('ready', this.onReady);
  }

  async createConversation(record: ConversationRecord): Promise<void> {
    const valid = ConversationRecordSchema.parse(record);
    if (!isStorableId(valid.id))
      throw new Error(`conversation id ${JSON.stringify(valid.id)} is not usable in a Redis key`);
    const created = await this.command(
      'creating a conversation',
      this.client.set(this.recordKey(valid.id), JSON.stringify(valid), 'EX', this.retentionSeconds, 'NX'),
    );
    if (created === null) throw new Error(`conversation ${valid.id} exists`);
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | undefined> {
    if (!isStorableId(conversationId)) return undefined;
    const text = await this.command('reading a conversation', this.client.get(this.recordKey(conversationId)));
    if (text === null) return undefined;
    // Only this class writes these keys; anything unreadable is treated as no conversation at all,
    // so a tampered or outdated record can never be taken for a valid owner.
    const parsed = ConversationRecordSchema.safeParse(parseJson(text));
    return parsed.success ? parsed.data : undefined;
  }

  async appendActivity(conversationId: string, activity: Partial<Activity>): Promise<Activity> {
    if (!isStorableId(conversationId)) throw new Error(`unknown conversation ${conversationId}`);
    const body: Partial<Activity> = { ...activity, timestamp: new Date() };
    // The id is derived from the stream entry's id when read; a client-supplied one is dropped.
    delete body.id;
    const json = JSON.stringify(body);
    const streamId = await this.command(
      'appending an activity',
      this.client.eval(
        APPEND_SCRIPT,
        2,
        this.recordKey(conversationId),
        this.activitiesKey(conversationId),
        json,
        this.retentionSeconds,
        this.channel(conversationId),
      ),
    );
    if (streamId === null) throw new Error(`unknown conversation ${conversationId}`);
    if (typeof streamId !== 'string') throw new Error(`unexpected reply to append: ${inspect(streamId)}`);
    // Return exactly what readers will get back, not the caller's object.
    return toActivity(conversationId, streamId, json);
  }

  async activitiesAfter(conversationId: string, watermark = '', limit = 100): Promise<ActivityPage> {
    const after = isStreamId(watermark) ? watermark : '';
    // COUNT needs an integer; Infinity (no limit) becomes the largest one.
    const count = Number.isFinite(limit) ? Math.floor(limit) : Number.MAX_SAFE_INTEGER;
    if (!isStorableId(conversationId) || !(count >= 1)) return { activities: [], watermark: after };
    const entries = await this.command(
      'reading activities',
      this.client.xrange(this.activitiesKey(conversationId), after === '' ? '-' : `(${after}`, '+', 'COUNT', count),
    );
    const activities = entries.map(([streamId, fields]) =>
      toActivity(conversationId, streamId, activityField(streamId, fields)),
    );
    const last = entries.at(-1);
    return { activities, watermark: last ? last[0] : after };
  }

  subscribe(conversationId: string, listener: () => void): () => void {
    const channel = this.channel(conversationId);
    const subscription: Subscription = { listener };
    const existing = this.channels.get(channel);
    const listeners = existing ?? new Set<Subscription>();
    listeners.add(subscription);
    if (!existing) {
      this.channels.set(channel, listeners);
      // SUBSCRIBE completes asynchronously; whatever is appended before it does would be missed, so
      // one hint once it is active makes the listener re-read (a spare hint costs one read).
      this.subscriber.subscribe(channel).then(
        () => this.hint(channel),
        (error: unknown) => this.onError(asError(error, `SUBSCRIBE ${channel} failed`)),
      );
    }
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      listeners.delete(subscription);
      if (listeners.size > 0 || this.channels.get(channel) !== listeners) return;
      this.channels.delete(channel);
      this.subscriber
        .unsubscribe(channel)
        .catch((error: unknown) => this.onError(asError(error, `UNSUBSCRIBE ${channel} failed`)));
    };
  }

  async deleteConversation(conversationId: string): Promise<void> {
    if (!isStorableId(conversationId)) return;
    // One DEL for both keys, so the append script sees either both or neither.
    await this.command(
      'deleting a conversation',
      this.client.del(this.recordKey(conversationId), this.activitiesKey(conversationId)),
    );
    await this.command('hinting a deletion', this.client.publish(this.channel(conversationId), 'delete'));
  }

  async close(): Promise<void> {
    this.subscriber.off('message', this.onMessage);
    this.subscriber.off('ready', this.onReady);
    this.channels.clear();
    await Promise.all([closeConnection(this.client), closeConnection(this.subscriber)]);
  }

  private async command<T>(operation: string, reply: Promise<T>): Promise<T> {
    return reply.catch((error: unknown) => {
      throw redisFailure(`conversation store: ${operation}`, error);
    });
  }

  /** After a reconnect the new connection has no subscriptions, and hints sent meanwhile were lost. */
  private resubscribeAll(): void {
    const channels = [...this.channels.keys()];
    if (channels.length === 0) return;
    this.subscriber.subscribe(...channels).then(
      () => channels.forEach((channel) => this.hint(channel)),
      (error: unknown) => this.onError(asError(error, 'resubscribing after reconnect failed')),
    );
  }

  private hint(channel: string): void {
    // A copy: a listener may unsubscribe (itself or others) while being called.
    for (const { listener } of [...(this.channels.get(channel) ?? [])]) {
      try {
        listener();
      } catch (error) {
        // One broken listener must not stop the others, nor escape into ioredis's event emitter.
        this.onError(asError(error, `hint listener for ${channel} threw`));
      }
    }
  }

  private recordKey(conversationId: string): string {
    return this.keys.conversation(conversationId);
  }

  private activitiesKey(conversationId: string): string {
    return this.keys.conversationActivities(conversationId);
  }

  private channel(conversationId: string): string {
    return this.keys.conversationHint(conversationId);
  }
}

interface Subscription {
  readonly listener: () => void;
}

/**
 * Appends only while the record exists, atomically: an activity can never land in a conversation
 * that was deleted or has expired. Refreshes both keys' expiry and publishes the hint.
 * KEYS: record, activity stream. ARGV: activity JSON, retention seconds, hint channel.
 * Returns the stream id, or nil for an unknown conversation.
 */
const APPEND_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local id = redis.call('XADD', KEYS[2], '*', 'activity', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('PUBLISH', ARGV[3], 'append')
return id
`;

/**
 * Conversation ids end up inside key and channel names and activity ids ("<id>|<seq>"); a ':' could
 * make one conversation's record name another's stream, so ids are kept to a safe alphabet
 * (UUIDs, base64url and similar all fit).
 */
function isStorableId(conversationId: string): boolean {
  return /^[A-Za-z0-9_.~-]{1,200}$/.test(conversationId);
}

const MAX_UINT64 = 2n ** 64n - 1n;

/** A stream id XRANGE accepts as an exclusive start; anything else counts as "from the beginning". */
function isStreamId(watermark: string): boolean {
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(watermark);
  if (!match?.[1] || !match[2]) return false;
  const milliseconds = BigInt(match[1]);
  const sequence = BigInt(match[2]);
  // "(max-max" has no successor and Redis refuses it.
  return (
    milliseconds <= MAX_UINT64 && sequence <= MAX_UINT64 && !(milliseconds === MAX_UINT64 && sequence === MAX_UINT64)
  );
}

function activityField(streamId: string, fields: readonly string[]): string {
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 'activity') return fields[i + 1] ?? '';
  }
  throw new Error(`stream entry ${streamId} has no activity field`);
}

/**
 * Rebuilds an activity as stored. A broken entry fails the read loudly rather than being skipped:
 * skipping would silently lose an activity, which the store promises never to do.
 */
function toActivity(conversationId: string, streamId: string, json: string): Activity {
  const body = parseJson(json);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`activity ${conversationId}|${streamId} is not a JSON object`);
  }
  const timestamp: unknown = 'timestamp' in body ? body.timestamp : undefined;
  // JSON has no dates; give readers a Date like the in-memory store does.
  return {
    ...body,
    id: `${conversationId}|${streamId}`,
    timestamp: typeof timestamp === 'string' ? new Date(timestamp) : undefined,
  } as Activity;
}

/** Without an onError the failure still reaches stderr (and process 'warning' listeners). */
function reportAsWarning(error: Error): void {
  process.emitWarning(error);
}
