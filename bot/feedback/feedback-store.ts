import { z } from 'zod';

/** A citizen's 👍/👎 on one answer, or their satisfaction after talking to staff: evidence of effect. */
// No conversation id: feedback is evidence about answers, not about a citizen, and must outlive
// "Slet samtalen" without pointing back to the deleted conversation.
export const FeedbackRecordSchema = z.strictObject({
  municipalityId: z.string(),
  intent: z.string(),
  helpful: z.boolean(),
  /** The answer to "Did you get the help you needed?" after a conversation with staff. */
  satisfaction: z.enum(['yes', 'partly', 'no']).optional(),
  at: z.iso.datetime(),
});
export type FeedbackRecord = z.infer<typeof FeedbackRecordSchema>;

export interface FeedbackStore {
  record(feedback: FeedbackRecord): Promise<void>;
  /** Newest last. */
  list(): Promise<readonly FeedbackRecord[]>;
}

/** Keeps feedback in this process (the default; lost on restart). Bounded so it cannot grow forever. */
export class InMemoryFeedbackStore implements FeedbackStore {
  private readonly records: FeedbackRecord[] = [];

  constructor(private readonly capacity = 10_000) {}

  async record(feedback: FeedbackRecord): Promise<void> {
    this.records.push(FeedbackRecordSchema.parse(feedback));
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  async list(): Promise<readonly FeedbackRecord[]> {
    return [...this.records];
  }
}
