import type { Redis } from 'ioredis';
import { parseJson, redisFailure } from '../storage/redis-connection';
import { DEFAULT_REDIS_KEY_PREFIX, RedisKeys } from '../storage/redis-keys';
import {
  DepartureReasonSchema,
  DepartureSchema,
  type CitizenPresence,
  type CitizenPresenceSettings,
  type Departure,
  type DepartureReason,
} from './citizen-presence';
import { ConversationIdSchema, KeyPartSchema } from './handoff-queue';

export interface RedisCitizenPresenceOptions extends CitizenPresenceSettings {
  /** Command connection; not owned (shared with the other stores, closed by whoever opened it). */
  readonly client: Redis;
  readonly prefix?: string;
}

/**
 * Sets the time only if it is later than the one stored; renews the expiry either way. Only while
 * the conversation's record exists (KEYS[2]): a poll that was under way when the citizen deleted the
 * conversation must not leave a key behind that names it.
 */
const SEEN_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
local current = redis.call('GET', KEYS[1])
if (not current) or tonumber(current) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1`;

/**
 * Presence and departures in Redis, shared by every instance:
 * - `<prefix>handoff:seen:<conversationId>` last seen (ms), expiring with the conversations' retention,
 *   written only while the conversation's record (`<prefix>conv:<id>`) exists, so one Redis (no Cluster);
 * - `<prefix>handoff:away:<conversationId>` a hash of absences already reported (field: their start, ms);
 * - `<prefix>handoff:departed:<conversationId>` the reason the citizen left, for a few minutes;
 * - `<prefix>handoff:departures:<queueId>` a sorted set of departures (JSON, no conversation id) by
 *   time (ms), trimmed on every write and expiring after the last.
 */
export class RedisCitizenPresence implements CitizenPresence {
  private readonly client: Redis;
  private readonly keys: RedisKeys;

  constructor(private readonly options: RedisCitizenPresenceOptions) {
    this.client = options.client;
    this.keys = new RedisKeys(options.prefix ?? DEFAULT_REDIS_KEY_PREFIX);
  }

  async seen(conversationId: string, now: Date): Promise<void> {
    if (!isConversationId(conversationId)) return;
    await this.command(
      'recording a citizen as seen',
      this.client.eval(
        SEEN_SCRIPT,
        2,
        this.keys.citizenSeen(conversationId),
        this.keys.conversation(conversationId),
        now.getTime(),
        this.options.retentionSeconds * 1000,
      ),
    );
  }

  async lastSeen(conversationId: string): Promise<Date | undefined> {
    if (!isConversationId(conversationId)) return undefined;
    const text = await this.command(
      'reading when a citizen was seen',
      this.client.get(this.keys.citizenSeen(conversationId)),
    );
    const ms = Number(text);
    return text !== null && Number.isFinite(ms) ? new Date(ms) : undefined;
  }

  async markAway(conversationId: string, since: Date): Promise<boolean> {
    if (!isConversationId(conversationId)) return false;
    const key = this.keys.citizenAway(conversationId);
    const replies = await this.command(
      'marking a citizen away',
      this.client.multi().hsetnx(key, String(since.getTime()), '1').expire(key, this.options.retentionSeconds).exec(),
    );
    const first = replies?.[0];
    if (!first || first[0]) throw redisFailure('citizen presence: marking a citizen away', first?.[0] ?? 'no reply');
    return first[1] === 1;
  }

  async departed(conversationId: string | undefined, departure: Departure): Promise<void> {
    const checked = DepartureSchema.parse(departure);
    const at = Date.parse(checked.at);
    const key = this.keys.queueDepartures(checked.queueId);
    const keep = this.options.departureSeconds;
    const transaction = this.client
      .multi()
      .zadd(key, at, JSON.stringify(checked))
      .zremrangebyscore(key, '-inf', `(${at - keep * 1000}`)
      .expire(key, keep);
    if (conversationId !== undefined && isConversationId(conversationId))
      transaction.set(this.keys.citizenDeparted(conversationId), checked.reason, 'EX', keep);
    const replies = await this.command('recording a departure', transaction.exec());
    const failed = replies?.find(([error]) => error);
    if (failed) throw redisFailure('citizen presence: recording a departure', failed[0]);
  }

  async departures(queueIds: readonly string[], since: Date): Promise<Departure[]> {
    const wanted = queueIds.filter((queueId) => KeyPartSchema.safeParse(queueId).success);
    const lists = await Promise.all(
      wanted.map((queueId) =>
        this.command(
          'reading departures',
          this.client.zrangebyscore(this.keys.queueDepartures(queueId), since.getTime(), '+inf'),
        ),
      ),
    );
    return lists
      .flat()
      .flatMap((text) => {
        // Only this class writes there; anything unreadable is left out.
        const parsed = DepartureSchema.safeParse(parseJson(text));
        return parsed.success ? [parsed.data] : [];
      })
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  }

  async departureReason(conversationId: string): Promise<DepartureReason | undefined> {
    if (!isConversationId(conversationId)) return undefined;
    const text = await this.command('reading a departure', this.client.get(this.keys.citizenDeparted(conversationId)));
    const parsed = DepartureReasonSchema.safeParse(text);
    return parsed.success ? parsed.data : undefined;
  }

  async forget(conversationId: string): Promise<void> {
    if (!isConversationId(conversationId)) return;
    await this.command(
      'forgetting a citizen',
      this.client.del(
        this.keys.citizenSeen(conversationId),
        this.keys.citizenAway(conversationId),
        this.keys.citizenDeparted(conversationId),
      ),
    );
  }

  /** The connection belongs to the storage that opened it. */
  async close(): Promise<void> {}

  private async command<T>(operation: string, reply: Promise<T>): Promise<T> {
    return reply.catch((error: unknown) => {
      throw redisFailure(`citizen presence: ${operation}`, error);
    });
  }
}

function isConversationId(conversationId: string): boolean {
  return ConversationIdSchema.safeParse(conversationId).success;
}
