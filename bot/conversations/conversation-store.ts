import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** Who a conversation belongs to: fixed when the widget starts it, checked on every request. */
export const ConversationRecordSchema = z.strictObject({
  /** Ends up in Redis key names and activity ids ("<id>|<seq>"), so no ":" or "|". */
  id: z.string().regex(/^[A-Za-z0-9_.~-]{1,200}$/, 'must be 1-200 letters, digits, "_", ".", "~" or "-"'),
  municipalityId: z.string().min(1),
  /** The web origin the widget runs on (https://www.kommune.dk), or "" for server-side clients. */
  origin: z.string(),
  createdAt: z.iso.datetime(),
  /** The widget's locale when the conversation started ("da-DK", "en-GB"): the welcome's language. */
  locale: z.string().max(20).optional(),
});
export type ConversationRecord = z.infer<typeof ConversationRecordSchema>;

/** Activities after a watermark, and the watermark to ask from next time. */
export interface ActivityPage {
  readonly activities: readonly Activity[];
  /** Opaque to clients. "" means "from the beginning". */
  readonly watermark: string;
}

/**
 * Where Direct Line conversations live: their record and the log of activities in order.
 * Two implementations pass the same contract tests (test/conversations/conversation-store.contract.ts):
 * in memory (one instance, the default) and Redis (several instances, REDIS_URL).
 *
 * Every key expires `retentionSeconds` after the conversation's last activity.
 */
export interface ConversationStore {
  createConversation(record: ConversationRecord): Promise<void>;
  getConversation(conversationId: string): Promise<ConversationRecord | undefined>;
  /**
   * Appends an activity and returns it as stored: with `id` set to "<conversationId>|<sequence>"
   * and a server `timestamp`. Activities are kept in the order appended; never lost, never twice.
   */
  appendActivity(conversationId: string, activity: Partial<Activity>): Promise<Activity>;
  /** Activities after `watermark` ("" or undefined: all), oldest first, at most `limit`. */
  activitiesAfter(conversationId: string, watermark?: string, limit?: number): Promise<ActivityPage>;
  /**
   * Calls `listener` when activities may have been appended to the conversation (on any
   * instance). A hint only: listeners re-read with their own watermark, so a missed or
   * duplicated hint loses or repeats nothing. Returns the unsubscribe function. The subscription
   * may become active a moment later (Redis); implementations hint once when it does, so an
   * activity appended in between is still read.
   */
  subscribe(conversationId: string, listener: () => void): () => void;
  /** Removes the conversation and its activities (the citizen's "delete my conversation"). */
  deleteConversation(conversationId: string): Promise<void>;
  close(): Promise<void>;
}
