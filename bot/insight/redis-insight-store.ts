import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { DANISH_TIME_ZONE } from '../handoff/staffed-hours';
import { parseJson, redisFailure } from '../storage/redis-connection';
import { RedisKeys } from '../storage/redis-keys';
import { bucketChange } from './insight-buckets';
import { InsightEventSchema, type InsightEvent } from './insight-event';
import {
  INSIGHT_DEDUPLICATION_SECONDS,
  type DayAggregate,
  type InsightStore,
  type StoredInsightEvent,
} from './insight-store';

export interface RedisInsightStoreOptions {
  /** Command connection (see createRedisClients); not owned, whoever created it closes it. */
  readonly client: Redis;
  readonly prefix?: string;
  /** A day's aggregates expire this many days after the day (INSIGHT_AGGREGATE_RETENTION_DAYS). */
  readonly aggregateRetentionDays: number;
}

const SCRIPT_NAME = 'bsaInsightRecord';
/** Entries read per XRANGE round trip. */
const PAGE = 1000;

/**
 * One event, atomically: counted once by its id (SET NX with expiry), added to its
 * municipality's stream (XADD) and to its day's counters (HINCRBY), and, for once-per-conversation
 * flags, to the counters of the day the conversation started. Two instances, or a retried turn,
 * count it once; a crash between the steps cannot leave it half-counted.
 * KEYS: seen, stream, day bucket, conversation hash, municipalities set.
 * ARGV: dedupe seconds, event JSON, bucket expiry (ms), may start (0/1), hour, municipality,
 *       n increments, the event's time (ms), then n (field, by) pairs, then (flag, field) pairs.
 * Stream ids follow the event's time (never going backwards), so XRANGE and XTRIM MINID select by it.
 */
const RECORD_SCRIPT = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
local first = 0
if ARGV[4] == '1' and redis.call('HSETNX', KEYS[4], 'start', KEYS[3]) == 1 then
  first = 1
  redis.call('HINCRBY', KEYS[3], 'conversations', 1)
  redis.call('HINCRBY', KEYS[3], 'conversations@' .. ARGV[5], 1)
end
local ms = tonumber(ARGV[8])
local newest = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)[1]
if newest then ms = math.max(ms, tonumber(string.match(newest[1], '^(%d+)'))) end
local id = string.format('%d-*', ms)
if first == 1 then
  redis.call('XADD', KEYS[2], id, 'e', ARGV[2], 'f', '1')
else
  redis.call('XADD', KEYS[2], id, 'e', ARGV[2])
end
redis.call('SADD', KEYS[5], ARGV[6])
local n = tonumber(ARGV[7])
local i = 9
for _ = 1, n do
  redis.call('HINCRBY', KEYS[3], ARGV[i], tonumber(ARGV[i + 1]))
  i = i + 2
end
local start = redis.call('HGET', KEYS[4], 'start')
while i < #ARGV do
  if start and redis.call('HSETNX', KEYS[4], ARGV[i], '1') == 1 then
    redis.call('HINCRBY', start, ARGV[i + 1], 1)
  end
  i = i + 2
end
if start then redis.call('EXPIRE', KEYS[4], ARGV[1]) end
redis.call('PEXPIREAT', KEYS[3], ARGV[3])
return 1
`;

const StreamPage = z.array(z.tuple([z.string(), z.array(z.string())]));

/**
 * Insight events in Redis, shared by every instance:
 * - `<prefix>insight:events:<municipality>` a stream of events (JSON, field `e`; `f` marks a
 *   conversation's first message), trimmed by the retention purge (XTRIM MINID);
 * - `<prefix>insight:day:<municipality>:<YYYY-MM-DD>` a hash of counters per local day (hourly
 *   fields inside), expiring INSIGHT_AGGREGATE_RETENTION_DAYS after the day;
 * - `<prefix>insight:conversation:<hash>` the day a conversation started and its once-flags, and
 *   `<prefix>insight:seen:<event id>`, both expiring after a week.
 * With AOF persistence a Redis restart loses no recorded event.
 */
export class RedisInsightStore implements InsightStore {
  private readonly client: Redis;
  private readonly keys: RedisKeys;
  private readonly aggregateRetentionDays: number;

  constructor(options: RedisInsightStoreOptions) {
    this.client = options.client;
    this.keys = new RedisKeys(options.prefix);
    this.aggregateRetentionDays = options.aggregateRetentionDays;
    if (!Number.isInteger(this.aggregateRetentionDays) || this.aggregateRetentionDays < 1)
      throw new Error(`aggregateRetentionDays must be a whole number ≥ 1, not ${this.aggregateRetentionDays}`);
    this.client.defineCommand(SCRIPT_NAME, { numberOfKeys: 5, lua: RECORD_SCRIPT });
  }

  async record(given: InsightEvent): Promise<boolean> {
    const event = InsightEventSchema.parse(given);
    const change = bucketChange(event);
    const expiresAt = DateTime.fromISO(change.day, { zone: DANISH_TIME_ZONE })
      .plus({ days: this.aggregateRetentionDays + 1 })
      .toMillis();
    const args = [
      this.keys.insightSeen(event.id),
      this.keys.insightEvents(event.municipalityId),
      this.keys.insightDay(event.municipalityId, change.day),
      this.keys.insightConversation(event.conversation),
      this.keys.insightMunicipalities(),
      INSIGHT_DEDUPLICATION_SECONDS,
      JSON.stringify(event),
      expiresAt,
      change.mayStartConversation ? '1' : '0',
      change.hour,
      event.municipalityId,
      change.increments.length,
      Date.parse(event.at),
      ...change.increments.flat(),
      ...change.once.flat(),
    ];
    const command: unknown = Reflect.get(this.client, SCRIPT_NAME);
    if (typeof command !== 'function') throw new Error(`script command ${SCRIPT_NAME} is not defined on the client`);
    // Commands defined with defineCommand are not in ioredis's types; the reply is checked below.
    const reply = await this.command(
      'recording an event',
      Reflect.apply(command, this.client, args) as Promise<unknown>,
    );
    return z.number().parse(reply) === 1;
  }

  async events(municipalityIds: readonly string[], from: Date, to: Date): Promise<StoredInsightEvent[]> {
    const found: StoredInsightEvent[] = [];
    for (const municipalityId of municipalityIds) {
      const key = this.keys.insightEvents(municipalityId);
      // Stream ids are the event's time, or a little later for an event recorded out of order:
      // read a minute either side, then keep what the event's own time puts in range.
      let start = String(Math.max(0, from.getTime() - 60_000));
      const end = String(to.getTime() + 60_000);
      for (;;) {
        const page = StreamPage.parse(
          await this.command('reading events', this.client.xrange(key, start, end, 'COUNT', PAGE)),
        );
        for (const [, fields] of page) {
          const parsed = InsightEventSchema.safeParse(parseJson(fieldOf(fields, 'e') ?? ''));
          // Whatever fails validation (written by another version, or by hand) is left out, not trusted.
          if (!parsed.success) continue;
          const at = Date.parse(parsed.data.at);
          if (at >= from.getTime() && at < to.getTime())
            found.push({ event: parsed.data, startsConversation: fieldOf(fields, 'f') === '1' });
        }
        const last = page[page.length - 1];
        if (page.length < PAGE || !last) break;
        start = `(${last[0]}`;
      }
    }
    return found.sort((a, b) => Date.parse(a.event.at) - Date.parse(b.event.at));
  }

  async aggregates(municipalityIds: readonly string[], days: readonly string[]): Promise<DayAggregate[]> {
    const wanted = municipalityIds.flatMap((municipalityId) => days.map((day) => ({ municipalityId, day })));
    const pipeline = this.client.pipeline();
    for (const { municipalityId, day } of wanted) pipeline.hgetall(this.keys.insightDay(municipalityId, day));
    const replies = await this.command('reading aggregates', pipeline.exec());
    return wanted.flatMap(({ municipalityId, day }, index) => {
      const [error, value] = replies?.[index] ?? [new Error('no reply'), undefined];
      if (error) throw redisFailure('insight store: reading aggregates', error);
      const fields = z.record(z.string(), z.coerce.number().int()).parse(value ?? {});
      return Object.keys(fields).length > 0 ? [{ municipalityId, day, fields }] : [];
    });
  }

  /** Trims every municipality's stream; aggregates expire on their own (PEXPIREAT when written). */
  async purge(eventsBefore: Date): Promise<number> {
    const municipalities = await this.command(
      'listing streams',
      this.client.smembers(this.keys.insightMunicipalities()),
    );
    let purged = 0;
    for (const municipalityId of municipalities) {
      const trimmed = await this.command(
        'trimming events',
        this.client.xtrim(this.keys.insightEvents(municipalityId), 'MINID', eventsBefore.getTime()),
      );
      purged += z.number().parse(trimmed);
    }
    return purged;
  }

  private async command<T>(what: string, pending: Promise<T>): Promise<T> {
    return pending.catch((error: unknown) => {
      throw redisFailure(`insight store: ${what}`, error);
    });
  }
}

function fieldOf(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}
