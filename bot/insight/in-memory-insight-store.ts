import { bucketChange } from './insight-buckets';
import { InsightEventSchema, type InsightEvent } from './insight-event';
import {
  INSIGHT_DEDUPLICATION_SECONDS,
  type DayAggregate,
  type InsightStore,
  type StoredInsightEvent,
} from './insight-store';

interface ConversationMark {
  /** `<municipality>|<day>` of the conversation's first citizen message. */
  readonly start: string;
  readonly flags: Set<string>;
  expiresAt: number;
}

/**
 * Insight events in this process (without REDIS_URL): lost on restart, as everything else is in
 * memory mode. Same counting as the Redis store (insight-buckets.ts).
 */
export class InMemoryInsightStore implements InsightStore {
  private readonly stored: (StoredInsightEvent & { readonly atMs: number })[] = [];
  private readonly buckets = new Map<string, Map<string, number>>();
  private readonly seen = new Map<string, number>();
  private readonly conversations = new Map<string, ConversationMark>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async record(given: InsightEvent): Promise<boolean> {
    const event = InsightEventSchema.parse(given);
    const now = this.now();
    this.forgetExpired(now);
    if (this.seen.has(event.id)) return false;
    const expiresAt = now + INSIGHT_DEDUPLICATION_SECONDS * 1000;
    this.seen.set(event.id, expiresAt);
    const change = bucketChange(event);
    const here = bucketKey(event.municipalityId, change.day);
    const bucket = this.bucket(here);
    let mark = this.conversations.get(event.conversation);
    let startsConversation = false;
    if (!mark && change.mayStartConversation) {
      mark = { start: here, flags: new Set(), expiresAt };
      this.conversations.set(event.conversation, mark);
      startsConversation = true;
      add(bucket, 'conversations', 1);
      add(bucket, `conversations@${change.hour}`, 1);
    }
    if (mark) mark.expiresAt = expiresAt;
    for (const [field, by] of change.increments) add(bucket, field, by);
    for (const [flag, field] of change.once) {
      if (!mark || mark.flags.has(flag)) continue;
      mark.flags.add(flag);
      add(this.bucket(mark.start), field, 1);
    }
    this.stored.push({ event, startsConversation, atMs: Date.parse(event.at) });
    return true;
  }

  async events(municipalityIds: readonly string[], from: Date, to: Date): Promise<StoredInsightEvent[]> {
    const wanted = new Set(municipalityIds);
    return this.stored
      .filter((s) => wanted.has(s.event.municipalityId) && s.atMs >= from.getTime() && s.atMs < to.getTime())
      .sort((a, b) => a.atMs - b.atMs)
      .map(({ event, startsConversation }) => ({ event, startsConversation }));
  }

  async aggregates(municipalityIds: readonly string[], days: readonly string[]): Promise<DayAggregate[]> {
    return municipalityIds.flatMap((municipalityId) =>
      days.flatMap((day) => {
        const bucket = this.buckets.get(bucketKey(municipalityId, day));
        return bucket ? [{ municipalityId, day, fields: Object.fromEntries(bucket) }] : [];
      }),
    );
  }

  async purge(eventsBefore: Date, aggregatesBefore: string): Promise<number> {
    const before = this.stored.length;
    const kept = this.stored.filter((s) => s.atMs >= eventsBefore.getTime());
    this.stored.splice(0, this.stored.length, ...kept);
    for (const key of [...this.buckets.keys()])
      if ((key.split('|')[1] ?? '') < aggregatesBefore) this.buckets.delete(key);
    return before - kept.length;
  }

  private bucket(key: string): Map<string, number> {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private forgetExpired(now: number): void {
    // At most once a minute: Redis expires its keys itself.
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [id, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(id);
    for (const [id, mark] of this.conversations) if (mark.expiresAt <= now) this.conversations.delete(id);
  }
}

function bucketKey(municipalityId: string, day: string): string {
  return `${municipalityId}|${day}`;
}

function add(bucket: Map<string, number>, field: string, by: number): void {
  bucket.set(field, (bucket.get(field) ?? 0) + by);
}
