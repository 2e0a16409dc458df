import type { InsightFact } from '../../bot/insight/insight-event';
import type { InsightSink } from '../../bot/insight/insight-sink';

/** Keeps what the dialogue and the desk hand to the insight recorder, for tests to read. */
export class RecordedInsight implements InsightSink {
  readonly recorded: { conversationId: string; fact: InsightFact; key: string | undefined }[] = [];

  record(conversationId: string, fact: InsightFact, key?: string): void {
    this.recorded.push({ conversationId, fact, key });
  }

  /** The facts of one kind, in order. */
  of<K extends InsightFact['kind']>(kind: K): Extract<InsightFact, { kind: K }>[] {
    return this.recorded.flatMap(({ fact }) => (fact.kind === kind ? [fact as Extract<InsightFact, { kind: K }>] : []));
  }
}
