import type { ConversationStore } from '../conversations/conversation-store';
import type { CallbackRequestStore } from '../handoff/callback-request-store';
import type { HandoffQueue } from '../handoff/handoff-queue';
import type { StaffNotes } from '../handoff/staff-notes';

/** What the staff side reads and keeps beside the desk's actions: queue, transcripts, notes, callbacks. */
export interface StaffRecords {
  readonly queue: HandoffQueue;
  readonly conversations: ConversationStore;
  readonly notes: StaffNotes;
  readonly callbacks: CallbackRequestStore;
}
