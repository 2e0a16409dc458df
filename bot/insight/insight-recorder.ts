import type { Logger } from '../runtime/logger';
import type { ConversationHash } from './conversation-hash';
import { InsightEventSchema, type InsightEvent, type InsightFact } from './insight-event';
import type { InsightStore } from './insight-store';

export interface InsightRecorderOptions {
  /** Events waiting to be written; beyond this new ones are dropped (and counted in the log). */
  readonly capacity?: number;
  readonly now?: () => Date;
}

/** Enough for a burst of a few thousand turns while Redis is slow, small enough to be harmless. */
const DEFAULT_CAPACITY = 10_000;
/** A dropped-events warning at most this often. */
const DROP_WARNING_MS = 60_000;

/**
 * Hands insight events to the store without the citizen's turn waiting for it or failing with it:
 * `record` validates, names the conversation by its keyed hash and queues; one writer drains the
 * queue in order. A failed write is logged (without the event's conversation) and the event is
 * lost; a full queue drops new events and says so. Events still queued when the process is killed
 * are lost too: milliseconds' worth, the price of never slowing a turn.
 */
export class InsightRecorder {
  private readonly queue: InsightEvent[] = [];
  private readonly capacity: number;
  private draining: Promise<void> | undefined;
  private dropped = 0;
  private lastDropWarning = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: InsightStore,
    private readonly hash: ConversationHash,
    private readonly logger: Logger,
    private readonly options: InsightRecorderOptions = {},
  ) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
  }

  /**
   * Records one fact about a conversation. `key` makes the event's id unique within the
   * conversation and kind (an activity id, a queue entry's time), so the same fact recorded again
   * (a retried turn, another instance) is counted once; without one, every call is a new event.
   */
  record(conversationId: string, fact: InsightFact, key?: string): void {
    const conversation = this.hash.of(conversationId);
    const at = (this.options.now?.() ?? new Date()).toISOString();
    // A key is hashed like the conversation: an activity id starts with the conversation's id, and
    // nothing in an event (its id included) may name a conversation that "Slet samtalen" deleted.
    const unique = key === undefined ? `${at}.${Math.random().toString(36).slice(2, 10)}` : this.hash.of(`key:${key}`);
    const parsed = InsightEventSchema.safeParse({
      ...fact,
      at,
      conversation,
      id: `${conversation}:${fact.kind}:${unique}`,
    });
    if (!parsed.success) {
      // A programming error (a field outside the schema), never the citizen's problem.
      this.logger.warn(
        { kind: fact.kind, problems: parsed.error.issues.map((i) => i.message) },
        'insight event invalid; not recorded',
      );
      return;
    }
    if (this.queue.length >= this.capacity) {
      this.dropped += 1;
      this.warnDropped();
      return;
    }
    this.queue.push(parsed.data);
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Resolves once everything queued so far is written (or has failed): for shutdown and tests. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    for (let event = this.queue.shift(); event; event = this.queue.shift()) {
      try {
        await this.store.record(event);
      } catch (error) {
        this.logger.warn(
          { err: { message: error instanceof Error ? error.message : String(error) }, kind: event.kind },
          'insight event not recorded',
        );
      }
    }
  }

  private warnDropped(): void {
    const now = Date.now();
    if (now - this.lastDropWarning < DROP_WARNING_MS) return;
    this.lastDropWarning = now;
    this.logger.warn({ dropped: this.dropped, capacity: this.capacity }, 'insight queue full; events dropped');
  }
}
