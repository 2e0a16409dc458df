import type { ConversationStore } from '../conversations/conversation-store';
import type { CallbackRequestStore } from '../handoff/callback-request-store';
import type { CitizenPresence } from '../handoff/citizen-presence';
import type { HandoffQueue } from '../handoff/handoff-queue';
import type { StaffNotes } from '../handoff/staff-notes';

/** What the staff side reads and keeps beside the desk's actions: queue, transcripts, notes, callbacks, departures. */
export interface StaffRecords {
  readonly queue: HandoffQueue;
  readonly conversations: ConversationStore;
  readonly notes: StaffNotes;
  readonly callbacks: CallbackRequestStore;
  /** Who left the queue recently and why. */
  readonly presence: Pick<CitizenPresence, 'departures' | 'departureReason'>;
}
