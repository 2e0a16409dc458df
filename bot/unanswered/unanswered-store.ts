import { conversationKey, newestFirst, UnansweredQuestionSchema, type UnansweredQuestion } from './unanswered-question';

/** Questions kept by default before the oldest are dropped (in memory and in Redis). */
export const DEFAULT_UNANSWERED_CAPACITY = 20_000;

export interface UnansweredFilter {
  readonly municipalityId?: string;
  /** Only questions at or after this time. */
  readonly since?: Date;
}

/**
 * The unanswered inbox (issue 11): messages that did not get a good answer, redacted, kept for the
 * retention (UNANSWERED_RETENTION_DAYS) for editors. Two implementations pass
 * test/conversations/unanswered-store.contract.ts: in memory (one instance) and Redis (shared).
 */
export interface UnansweredStore {
  /** Validates and stores a question; throws a ZodError when it is not valid. */
  record(question: UnansweredQuestion): Promise<void>;
  /** Newest first. Whatever is stored but fails validation is left out, not trusted. */
  list(filter?: UnansweredFilter): Promise<UnansweredQuestion[]>;
  /** Removes questions an editor has dealt with or dismissed as noise; returns how many were there. */
  dismiss(ids: readonly string[]): Promise<number>;
  /** "Slet samtalen": removes the conversation's questions; returns how many were there. */
  eraseConversation(conversationId: string): Promise<number>;
  /** Retention: removes questions from before `cutoff`; returns how many. */
  purgeOlderThan(cutoff: Date): Promise<number>;
}

/** Keeps the inbox in this process (the default; lost on restart). Bounded: the oldest go first. */
export class InMemoryUnansweredStore implements UnansweredStore {
  private readonly questions = new Map<string, UnansweredQuestion>();

  constructor(private readonly capacity = DEFAULT_UNANSWERED_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`capacity must be a whole number ≥ 1, not ${capacity}`);
  }

  async record(question: UnansweredQuestion): Promise<void> {
    const valid = UnansweredQuestionSchema.parse(question);
    this.questions.set(valid.id, valid);
    while (this.questions.size > this.capacity) {
      // Rare (only at capacity) and linear; the same question Redis drops: the lowest time.
      let oldest: UnansweredQuestion | undefined;
      for (const q of this.questions.values()) if (!oldest || newestFirst(q, oldest) > 0) oldest = q;
      if (oldest) this.questions.delete(oldest.id);
    }
  }

  async list(filter: UnansweredFilter = {}): Promise<UnansweredQuestion[]> {
    const since = filter.since?.getTime();
    return [...this.questions.values()]
      .filter(
        (q) =>
          (filter.municipalityId === undefined || q.municipalityId === filter.municipalityId) &&
          (since === undefined || Date.parse(q.at) >= since),
      )
      .sort(newestFirst);
  }

  async dismiss(ids: readonly string[]): Promise<number> {
    return ids.filter((id) => this.questions.delete(id)).length;
  }

  async eraseConversation(conversationId: string): Promise<number> {
    const key = conversationKey(conversationId);
    return this.removeWhere((q) => q.conversationKey === key);
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const limit = cutoff.getTime();
    return this.removeWhere((q) => Date.parse(q.at) < limit);
  }

  private removeWhere(test: (question: UnansweredQuestion) => boolean): number {
    let removed = 0;
    for (const [id, question] of this.questions) {
      if (test(question)) {
        this.questions.delete(id);
        removed += 1;
      }
    }
    return removed;
  }
}
