import type { InsightEvent } from './insight-event';

/** An event as kept: `startsConversation` when it was the conversation's first citizen message. */
export interface StoredInsightEvent {
  readonly event: InsightEvent;
  readonly startsConversation: boolean;
}

/** One municipality's counters for one local day (insight-buckets.ts names the fields). */
export interface DayAggregate {
  readonly municipalityId: string;
  /** YYYY-MM-DD, Europe/Copenhagen. */
  readonly day: string;
  readonly fields: Readonly<Record<string, number>>;
}

/**
 * Where insight events and their aggregates are kept: in memory (one instance) or in Redis
 * (insight-store contract tests hold both to the same behaviour).
 */
export interface InsightStore {
  /**
   * Keeps the event and adds it to its day's aggregates, both or neither. An event whose id was
   * seen before (a retried turn, a second instance) changes nothing: false.
   */
  record(event: InsightEvent): Promise<boolean>;
  /** Events of these municipalities recorded from `from` (inclusive) to `to` (exclusive), oldest first. */
  events(municipalityIds: readonly string[], from: Date, to: Date): Promise<StoredInsightEvent[]>;
  /** The aggregates of these municipalities for these local days (days without any are left out). */
  aggregates(municipalityIds: readonly string[], days: readonly string[]): Promise<DayAggregate[]>;
  /**
   * Retention: deletes event details older than `eventsBefore` and aggregates of days before
   * `aggregatesBefore` (YYYY-MM-DD). Returns the number of events deleted.
   */
  purge(eventsBefore: Date, aggregatesBefore: string): Promise<number>;
}

/** How long the stores remember an event id (to count a retried event once) and a conversation's start. */
export const INSIGHT_DEDUPLICATION_SECONDS = 7 * 24 * 3600;
