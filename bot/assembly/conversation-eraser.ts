import type { Activity, Storage } from 'botbuilder';
import { DIRECT_LINE_CHANNEL } from '../directline/directline-adapter';
import type { CitizenPresence } from '../handoff/citizen-presence';
import type { HandoffQueue } from '../handoff/handoff-queue';
import type { StaffNotes } from '../handoff/staff-notes';
import type { UnansweredStore } from '../unanswered/unanswered-store';
import type { ActivityPage, ConversationRecord, ConversationStore } from '../conversations/conversation-store';

/**
 * Everything the assistant keeps under a conversation's id. A store that starts keeping something
 * per conversation adds itself here, and "Slet samtalen" deletes it too.
 */
export interface ConversationHolders {
  /** The record and the activity log (the transcript). */
  readonly conversations: ConversationStore;
  /** botbuilder's ConversationState: dialogue state (municipality, language, recent intents). */
  readonly botState: Storage;
  /** A waiting entry, an assignment to an agent, the wait offer. */
  readonly handoffQueue: Pick<HandoffQueue, 'forget'>;
  /** When the citizen's widget was last seen, and why they left the queue. */
  readonly citizenPresence: Pick<CitizenPresence, 'forget'>;
  /** Staff's internal notes. */
  readonly notes: Pick<StaffNotes, 'forget'>;
  /** The conversation's questions in the unanswered inbox (found by the hash of its id). */
  readonly unanswered: Pick<UnansweredStore, 'eraseConversation'>;
}

/**
 * The keys botbuilder's ConversationState writes for one of our conversations
 * ("<channelId>/conversations/<conversationId>/"). The bot uses no UserState, whose keys would
 * name the user rather than the conversation.
 */
export function botStateKeys(conversationId: string): string[] {
  return [`${DIRECT_LINE_CHANNEL}/conversations/${conversationId}/`];
}

/**
 * Deletes everything kept about the conversation. The record goes first: from then on nothing can
 * be appended to the conversation, and no agent can write into it. A failure of any part is
 * thrown (503 while Redis is away), so the citizen can try again; every part is idempotent.
 */
export async function eraseConversation(holders: ConversationHolders, conversationId: string): Promise<void> {
  await holders.conversations.deleteConversation(conversationId);
  const results = await Promise.allSettled([
    holders.botState.delete(botStateKeys(conversationId)),
    holders.handoffQueue.forget(conversationId),
    holders.citizenPresence.forget(conversationId),
    holders.notes.forget(conversationId),
    holders.unanswered.eraseConversation(conversationId),
  ]);
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * The conversation store as the rest of the assistant sees it: the same store, except that
 * deleting a conversation deletes everything kept about it (eraseConversation), whoever asks.
 */
export class ErasingConversationStore implements ConversationStore {
  private readonly store: ConversationStore;

  constructor(private readonly holders: ConversationHolders) {
    this.store = holders.conversations;
  }

  createConversation(record: ConversationRecord): Promise<void> {
    return this.store.createConversation(record);
  }

  getConversation(conversationId: string): Promise<ConversationRecord | undefined> {
    return this.store.getConversation(conversationId);
  }

  appendActivity(conversationId: string, activity: Partial<Activity>): Promise<Activity> {
    return this.store.appendActivity(conversationId, activity);
  }

  activitiesAfter(conversationId: string, watermark?: string, limit?: number): Promise<ActivityPage> {
    return this.store.activitiesAfter(conversationId, watermark, limit);
  }

  subscribe(conversationId: string, listener: () => void): () => void {
    return this.store.subscribe(conversationId, listener);
  }

  deleteConversation(conversationId: string): Promise<void> {
    return eraseConversation(this.holders, conversationId);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
