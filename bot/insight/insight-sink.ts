import type { InsightFact } from './insight-event';

/**
 * What the dialogue and the handoff desk need of the recorder (insight-recorder.ts). Types only:
 * the staff console's type check reads the desk's types and must not pull in the classifier.
 */
export interface InsightSink {
  record(conversationId: string, fact: InsightFact, key?: string): void;
}
