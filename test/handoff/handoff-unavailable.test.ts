import { StoreUnavailableError } from '../../bot/storage/store-unavailable-error';
import { InMemoryConversationStore } from '../../bot/conversations/in-memory-conversation-store';
import { AssistantDialogue } from '../../bot/dialogue/assistant-dialogue';
import { initialDialogueState } from '../../bot/dialogue/dialogue-state';
import { isEvent, type Outgoing, type Reply } from '../../bot/dialogue/reply';
import { HandoffDesk } from '../../bot/handoff/handoff-desk';
import type { HandoffQueue } from '../../bot/handoff/handoff-queue';
import { InMemoryCallbackRequestStore } from '../../bot/handoff/in-memory-callback-request-store';
import { InMemoryCitizenPresence } from '../../bot/handoff/citizen-presence';
import { InMemoryHandoffQueue } from '../../bot/handoff/in-memory-handoff-queue';
import { InMemoryStaffNotes } from '../../bot/handoff/staff-notes';
import { StaffedHours } from '../../bot/handoff/staffed-hours';
import { createLogger } from '../../bot/runtime/logger';
import type { IntentDecision } from '../../intents/intent-decision';
import { stubKnowledgeSource } from '../support/stub-knowledge-source';
import { DirectLineCitizenConversations } from '../../bot/directline/direct-line-citizen-conversations';

/** A Tuesday morning in winter, within Bøgely's chat hours. */
const STAFFED = new Date('2026-11-24T10:00:00+01:00');

function decide(text: string): IntentDecision {
  return /medarbejder/i.test(text)
    ? { kind: 'answer', intent: 'agent.handoff', score: 0.9 }
    : { kind: 'answer', intent: 'pas.bestil', score: 0.9 };
}

/** A queue whose every call fails as a Redis queue does while Redis does not answer. */
function unreachableQueue(): HandoffQueue {
  return new Proxy(new InMemoryHandoffQueue({ retentionSeconds: 3600 }), {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'subscribe' || property === 'close') return value;
      return async () => {
        throw new StoreUnavailableError('handoff queue: reading an assignment failed: Redis did not answer in time');
      };
    },
  });
}

function texts(replies: readonly Outgoing[]): string[] {
  return replies.filter((r): r is Reply => !isEvent(r)).map((r) => r.text);
}

describe('handoff while the queue (Redis) does not answer', () => {
  async function dialogueWithUnreachableQueue() {
    const source = await stubKnowledgeSource(decide);
    const conversations = new InMemoryConversationStore(3600);
    await conversations.createConversation({
      id: 'c1',
      municipalityId: 'boegely',
      origin: '',
      createdAt: STAFFED.toISOString(),
    });
    let dialogue: AssistantDialogue | undefined;
    const desk = new HandoffDesk({
      queue: unreachableQueue(),
      conversations: new DirectLineCitizenConversations(conversations, () =>
        dialogue ? dialogue.handoffNotice.bind(dialogue) : undefined,
      ),
      callbacks: new InMemoryCallbackRequestStore({ retentionSeconds: 3600 }),
      presence: new InMemoryCitizenPresence({ retentionSeconds: 3600, departureSeconds: 600 }),
      notes: new InMemoryStaffNotes(3600),
      staffedHours: new StaffedHours(),
      knowledge: () => source.knowledge,
      agentName: () => 'Anna',
      callbackRetentionHours: 168,
      logger: createLogger('silent'),
    });
    dialogue = new AssistantDialogue({
      live: source,
      defaultMunicipalityId: 'boegely',
      maxMessageLength: 2000,
      handoff: desk,
      now: () => STAFFED,
    });
    const phone = source.knowledge.municipalities.get('boegely')?.phone ?? 'missing';
    return { dialogue, phone, close: () => conversations.close() };
  }

  it('tells the citizen plainly, with the phone number, instead of failing', async () => {
    const { dialogue, phone, close } = await dialogueWithUnreachableQueue();
    const turn = await dialogue.handle(
      { ...initialDialogueState(), municipalityId: 'boegely' },
      { conversationId: 'c1', text: 'Tal med en medarbejder', locale: 'da-DK', municipalityId: 'boegely' },
    );
    const said = texts(turn.replies).join('\n');
    expect(said).toContain('Det er ikke muligt at komme i kontakt med en medarbejder lige nu');
    expect(said).toContain(phone);
    expect(
      turn.replies.some((r) => isEvent(r) && r.event.name === 'handoff.status' && r.event.value.state === 'failed'),
    ).toBe(true);
    await close();
  });

  it('still answers questions it knows', async () => {
    const { dialogue, close } = await dialogueWithUnreachableQueue();
    const turn = await dialogue.handle(
      { ...initialDialogueState(), municipalityId: 'boegely' },
      { conversationId: 'c1', text: 'hvordan får jeg nyt pas', locale: 'da-DK', municipalityId: 'boegely' },
    );
    expect(texts(turn.replies).length).toBeGreaterThan(0);
    expect(texts(turn.replies).join('\n')).not.toContain('Det er ikke muligt');
    await close();
  });
});
