import type { ConversationStore } from '../../bot/conversations/conversation-store';
import type { HandoffContext } from '../../bot/dialogue/reply';
import type { HandoffDesk } from '../../bot/handoff/handoff-desk';

/**
 * A citizen conversation waiting in the staffed queue, as the dialogue would leave it: a message,
 * the handoff.initiate event with what the assistant detected, and the queue entry.
 */
export async function addWaitingCitizen(
  conversations: ConversationStore,
  desk: HandoffDesk,
  id: string,
  { reason = 'asked', guides = [] }: { reason?: HandoffContext['reason']; guides?: HandoffContext['guides'] } = {},
): Promise<void> {
  await conversations.createConversation({
    id,
    municipalityId: 'boegely',
    origin: '',
    createdAt: new Date().toISOString(),
    locale: 'da-DK',
  });
  await conversations.appendActivity(id, {
    type: 'message',
    text: 'Jeg har mistet mit pas',
    from: { id: 'citizen', name: 'Borger', role: 'user' },
  });
  await conversations.appendActivity(id, {
    type: 'event',
    name: 'handoff.initiate',
    value: {
      reason,
      municipalityId: 'boegely',
      language: 'da',
      topic: 'pas.bestil',
      intents: [{ id: 'pas.bestil', score: 0.8 }],
      guides,
    },
  });
  await desk.enqueue(
    { conversationId: id, municipalityId: 'boegely', language: 'da', topic: 'pas.bestil' },
    new Date(),
  );
}
