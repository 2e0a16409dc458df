import type { Activity } from 'botbuilder';
import { InMemoryConversationStore } from '../../bot/conversations/in-memory-conversation-store';
import { AssistantDialogue, type TurnEvent } from '../../bot/dialogue/assistant-dialogue';
import { initialDialogueState, type DialogueState } from '../../bot/dialogue/dialogue-state';
import {
  isEvent,
  type HandoffContext,
  type HandoffEvent,
  type HandoffStatus,
  type Outgoing,
  type Reply,
} from '../../bot/dialogue/reply';
import { RecordedInsight } from '../support/recorded-insight';
import { HandoffDesk, type Agent } from '../../bot/handoff/handoff-desk';
import { HandoffSweeper } from '../../bot/handoff/handoff-sweeper';
import { InMemoryCallbackRequestStore } from '../../bot/handoff/in-memory-callback-request-store';
import { InMemoryCitizenPresence } from '../../bot/handoff/citizen-presence';
import { InMemoryHandoffQueue } from '../../bot/handoff/in-memory-handoff-queue';
import { InMemoryStaffNotes } from '../../bot/handoff/staff-notes';
import { StaffedHours } from '../../bot/handoff/staffed-hours';
import { createLogger } from '../../bot/runtime/logger';
import { REDACTION_MARKERS } from '../../privacy/personal-data-redactor';
import type { IntentDecision } from '../../intents/intent-decision';
import { stubKnowledgeSource } from '../support/stub-knowledge-source';
import { DirectLineCitizenConversations } from '../../bot/directline/direct-line-citizen-conversations';

/** An instant given as Danish local time: winter time (UTC+1) unless told otherwise. */
function danish(local: string, offset: '+01:00' | '+02:00' = '+01:00'): Date {
  return new Date(`${local}:00${offset}`);
}

const TUESDAY_MORNING = danish('2026-11-24T10:00');
const QUEUE = 'faelles';
const ANNA: Agent = { id: 'anna', name: 'Anna', role: 'agent', queues: [QUEUE], maxConversations: 3 };
const logger = createLogger('silent');

/** "medarbejder" asks for a person, "pas" is about passports, anything else is not understood. */
function decide(text: string): IntentDecision {
  if (/medarbejder/i.test(text)) return { kind: 'answer', intent: 'agent.handoff', score: 0.9 };
  if (/livet|112/i.test(text)) return { kind: 'answer', intent: 'akut.hjaelp', score: 0.9 };
  if (/pas/i.test(text)) return { kind: 'answer', intent: 'pas.bestil', score: 0.8 };
  return { kind: 'fallback', reason: 'none-class' };
}

/** Lets the desk's background position updates (fire and forget) finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

function messages(replies: readonly Outgoing[]): Reply[] {
  return replies.filter((r): r is Reply => !isEvent(r));
}

function texts(replies: readonly Outgoing[]): string[] {
  return messages(replies).map((r) => r.text);
}

function handoffEvents(replies: readonly Outgoing[]): HandoffEvent[] {
  return replies.flatMap((r) => (isEvent(r) ? [r.event] : []));
}

function statuses(replies: readonly Outgoing[]): HandoffStatus[] {
  return handoffEvents(replies).flatMap((e) => (e.name === 'handoff.status' ? [e.value] : []));
}

function initiateContext(replies: readonly Outgoing[]): HandoffContext | undefined {
  const initiate = handoffEvents(replies).find((e) => e.name === 'handoff.initiate');
  return initiate?.name === 'handoff.initiate' ? initiate.value : undefined;
}

function buttonValues(reply: Reply | undefined): unknown[] {
  return (reply?.buttons ?? []).map((b) => b.value);
}

/** One citizen's conversation with the dialogue, carrying the dialogue state between turns as the bot does. */
class Citizen {
  state: DialogueState = initialDialogueState();

  constructor(
    readonly id: string,
    private readonly dialogue: AssistantDialogue,
    private readonly locale = 'da-DK',
  ) {}

  async say(text: string): Promise<readonly Outgoing[]> {
    return this.turn({ text });
  }

  /** A button click as the widget sends it: the title as text, the structured value. */
  async click(value: unknown, title = 'knap'): Promise<readonly Outgoing[]> {
    return this.turn({ text: title, value });
  }

  private async turn(message: { text: string; value?: unknown }): Promise<readonly Outgoing[]> {
    const turn = await this.dialogue.handle(this.state, {
      conversationId: this.id,
      locale: this.locale,
      municipalityId: 'boegely',
      ...message,
    });
    this.state = turn.state;
    return turn.replies;
  }
}

interface Fixture {
  readonly clock: { at: Date };
  readonly now: () => Date;
  readonly desk: HandoffDesk;
  readonly dialogue: AssistantDialogue;
  readonly queue: InMemoryHandoffQueue;
  readonly conversations: InMemoryConversationStore;
  readonly callbacks: InMemoryCallbackRequestStore;
  readonly presence: InMemoryCitizenPresence;
  readonly insight: RecordedInsight;
  readonly events: TurnEvent[];
  /** A citizen whose conversation exists in the conversation store (as the widget's would). */
  citizen(id: string, locale?: string): Promise<Citizen>;
  /** What the desk wrote into a conversation. */
  /** As read back from the store: Bot Framework's type promises fields (text) that typing and events lack. */
  stored(conversationId: string): Promise<readonly Partial<Activity>[]>;
  close(): Promise<void>;
}

async function createFixture(start: Date): Promise<Fixture> {
  const clock = { at: start };
  const now = () => clock.at;
  const source = await stubKnowledgeSource(decide);
  const queue = new InMemoryHandoffQueue({ retentionSeconds: 3600 });
  const conversations = new InMemoryConversationStore(3600);
  const callbacks = new InMemoryCallbackRequestStore({ retentionSeconds: 168 * 3600 });
  const notes = new InMemoryStaffNotes(3600);
  const presence = new InMemoryCitizenPresence({ retentionSeconds: 3600, departureSeconds: 600 });
  const insight = new RecordedInsight();
  const events: TurnEvent[] = [];
  let dialogue: AssistantDialogue | undefined;
  const desk = new HandoffDesk({
    queue,
    conversations: new DirectLineCitizenConversations(conversations, () =>
      dialogue ? dialogue.handoffNotice.bind(dialogue) : undefined,
    ),
    callbacks,
    presence,
    notes,
    staffedHours: new StaffedHours(),
    knowledge: () => source.knowledge,
    agentName: (id) => (id === 'anna' ? 'Anna' : 'En medarbejder'),
    callbackRetentionHours: 168,
    logger,
    insight,
  });
  const created = new AssistantDialogue({
    live: source,
    insight,
    defaultMunicipalityId: 'boegely',
    maxMessageLength: 2000,
    onTurn: (event) => events.push(event),
    now,
    handoff: desk,
  });
  dialogue = created;
  return {
    clock,
    now,
    desk,
    dialogue: created,
    queue,
    conversations,
    callbacks,
    presence,
    insight,
    events,
    async citizen(id, locale = 'da-DK') {
      await conversations.createConversation({
        id,
        municipalityId: 'boegely',
        origin: '',
        createdAt: now().toISOString(),
        locale,
      });
      return new Citizen(id, created, locale);
    },
    async stored(conversationId) {
      return (await conversations.activitiesAfter(conversationId, '', 1000)).activities;
    },
    async close() {
      await settle();
      await queue.close();
      await conversations.close();
      await callbacks.close();
      await notes.close();
    },
  };
}

function storedTexts(activities: readonly Partial<Activity>[]): string[] {
  return activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');
}

function storedStatuses(activities: readonly Partial<Activity>[]): unknown[] {
  return activities.filter((a) => a.type === 'event' && a.name === 'handoff.status').map((a) => a.value as unknown);
}

describe('asking for a person outside staffed hours (Bøgely: Mon–Wed 08–16, Thu 08–18, Fri 08–14)', () => {
  const cases: { name: string; at: Date; back: string; nextOpening: string }[] = [
    {
      name: 'a weekday evening (Tuesday 19:30)',
      at: danish('2026-11-24T19:30'),
      back: 'i morgen kl. 8.00',
      nextOpening: danish('2026-11-25T08:00').toISOString(),
    },
    // From a Sunday, Monday morning is "i morgen"; from a Saturday it is named.
    {
      name: 'a Sunday',
      at: danish('2026-11-29T12:00'),
      back: 'i morgen kl. 8.00',
      nextOpening: danish('2026-11-30T08:00').toISOString(),
    },
    {
      name: 'a Saturday',
      at: danish('2026-11-28T12:00'),
      back: 'mandag den 30. november kl. 8.00',
      nextOpening: danish('2026-11-30T08:00').toISOString(),
    },
    {
      // Friday 25 December is Juledag, Saturday 26 Anden Juledag (both public holidays), then Sunday.
      name: 'Juledag (a public holiday on a Friday)',
      at: danish('2026-12-25T10:00'),
      back: 'mandag den 28. december kl. 8.00',
      nextOpening: danish('2026-12-28T08:00').toISOString(),
    },
    {
      // Skærtorsdag 25 March 2027, Langfredag 26, the weekend, Anden påskedag 29; summer time from 28 March.
      name: 'Skærtorsdag (Easter: five closed days in a row)',
      at: danish('2027-03-25T10:00'),
      back: 'tirsdag den 30. marts kl. 8.00',
      nextOpening: danish('2027-03-30T08:00', '+02:00').toISOString(),
    },
  ];

  it.each(cases)(
    'on $name says when staff are back, offers the phone and a callback, and queues nothing',
    async ({ at, back, nextOpening }) => {
      const f = await createFixture(at);
      try {
        const citizen = await f.citizen('closed-1');
        const replies = await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
        const [closed] = messages(replies);
        expect(messages(replies)).toHaveLength(1);
        expect(closed?.text).toContain(`Der er ingen medarbejdere på chatten lige nu. De er tilbage ${back}.`);
        expect(closed?.text).toContain('Du kan ringe på +45 10 20 30 40 i telefontiden');
        expect(closed?.text).toContain('- Mandag: 09.00–15.00');
        expect(closed?.text).toContain('- Torsdag: 09.00–17.00');
        expect(closed?.text).toContain('- Lørdag: lukket');
        expect(closed?.text).toContain('https://www.boegely.example/selvbetjening');
        expect(closed?.text).not.toContain('{{');
        expect(closed?.buttons).toEqual([{ title: 'Bliv ringet op', value: { action: 'callback' } }]);
        expect(statuses(replies)).toEqual([{ state: 'outOfHours', nextOpening }]);
        expect(handoffEvents(replies).map((e) => e.name)).not.toContain('handoff.initiate');
        expect(await f.queue.waiting([QUEUE])).toEqual([]);
        expect(await f.desk.situation('closed-1', new Date())).toEqual({ kind: 'none' });
      } finally {
        await f.close();
      }
    },
  );

  it('also answers the text "jeg vil tale med en medarbejder" with the opening time when closed', async () => {
    const f = await createFixture(danish('2026-11-24T19:30'));
    try {
      const citizen = await f.citizen('closed-2');
      const replies = await citizen.say('jeg vil tale med en medarbejder');
      expect(texts(replies)[0]).toMatch(
        /^Der er ingen medarbejdere på chatten lige nu\. De er tilbage i morgen kl\. 8\.00\./,
      );
      expect(statuses(replies)).toEqual([{ state: 'outOfHours', nextOpening: '2026-11-25T07:00:00.000Z' }]);
      expect(await f.queue.waiting([QUEUE])).toEqual([]);
    } finally {
      await f.close();
    }
  });
});

describe('joining the queue in staffed hours', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture(TUESDAY_MORNING);
  });
  afterEach(async () => {
    await f.close();
  });

  it('the "Tal med en medarbejder" button says what happens next first, then initiates and queues at position 1 with no estimate when nobody is on duty', async () => {
    const citizen = await f.citizen('queue-1');
    await citizen.say('nyt pas');
    const replies = await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    expect(replies[0]).toMatchObject({
      text: expect.stringMatching(/^Jeg sætter dig i kø til en medarbejder\. Medarbejderen kan se vores samtale/),
    });
    expect(replies[1]).toEqual({
      event: {
        name: 'handoff.initiate',
        value: {
          reason: 'asked',
          municipalityId: 'boegely',
          language: 'da',
          topic: 'pas.bestil',
          intents: [{ id: 'pas.bestil', score: 0.8 }],
          guides: [],
        },
      },
    });
    expect(replies[2]).toEqual({
      event: { name: 'handoff.status', value: { state: 'queued', position: 1, estimatedWaitMinutes: null } },
    });
    const position = messages(replies)[1];
    expect(position?.text).toBe(
      'Du er nummer 1 i køen. Lige nu er ingen medarbejdere logget på chatten, så jeg kan ikke sige, hvor længe du skal vente.',
    );
    expect(position?.buttons).toEqual([{ title: 'Forlad køen', value: { action: 'leave-queue' } }]);
    expect(await f.queue.waitingEntry('queue-1')).toMatchObject({
      queueId: QUEUE,
      municipalityId: 'boegely',
      language: 'da',
      topic: 'pas.bestil',
      enqueuedAt: TUESDAY_MORNING.toISOString(),
    });
  });

  it('the text "jeg vil tale med en medarbejder" (agent.handoff) queues likewise; a second citizen is number 2', async () => {
    const first = await f.citizen('queue-text-1');
    const replies = await first.say('jeg vil tale med en medarbejder');
    expect(texts(replies)[0]).toMatch(/^Jeg sætter dig i kø/);
    expect(initiateContext(replies)).toEqual({
      reason: 'asked',
      municipalityId: 'boegely',
      language: 'da',
      intents: [{ id: 'agent.handoff', score: 0.9 }],
      guides: [],
    });
    expect(statuses(replies)).toEqual([{ state: 'queued', position: 1, estimatedWaitMinutes: null }]);
    expect(f.events.map((e) => [e.event, e.intent])).toContainEqual(['answered', 'agent.handoff']);

    f.clock.at = new Date(TUESDAY_MORNING.getTime() + 60_000);
    const second = await f.citizen('queue-text-2');
    const secondReplies = await second.click({ action: 'handoff' }, 'Tal med en medarbejder');
    expect(statuses(secondReplies)).toEqual([{ state: 'queued', position: 2, estimatedWaitMinutes: null }]);
    expect(texts(secondReplies)[1]).toMatch(/^Du er nummer 2 i køen\./);
    expect((await f.queue.waiting([QUEUE])).map((e) => e.conversationId)).toEqual(['queue-text-1', 'queue-text-2']);
  });

  it('gives a number of minutes when an agent is on duty', async () => {
    await f.queue.heartbeat('anna', [QUEUE], f.now(), 60_000);
    const citizen = await f.citizen('queue-estimate');
    const replies = await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    const [queued] = statuses(replies);
    expect(queued).toMatchObject({ state: 'queued', position: 1 });
    expect(queued?.state === 'queued' ? queued.estimatedWaitMinutes : undefined).toEqual(expect.any(Number));
    // One agent, no handling times yet: half of the default six minutes.
    expect(queued).toEqual({ state: 'queued', position: 1, estimatedWaitMinutes: 3 });
    expect(texts(replies)[1]).toBe('Du er nummer 1 i køen. Forventet ventetid: ca. 3 minutter.');
  });

  it('says "Du er stadig i køen" once to messages while waiting, then stays silent; asking again repeats the place', async () => {
    const citizen = await f.citizen('queue-waiting');
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    const first = await citizen.say('jeg har mistet mit pas');
    expect(texts(first)).toEqual(['Du er stadig i køen. Medarbejderen kan læse det, du skriver her.']);
    expect(buttonValues(messages(first)[0])).toEqual([{ action: 'leave-queue' }]);
    expect(await citizen.say('hallo?')).toEqual([]);
    expect(await citizen.say('er der nogen')).toEqual([]);
    const again = await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    expect(texts(again)).toEqual([expect.stringMatching(/^Du er nummer 1 i køen\./)]);
    expect(await f.queue.position('queue-waiting')).toBe(1);
  });

  it('answers an emergency with the emergency numbers while the citizen waits, and keeps their place', async () => {
    const citizen = await f.citizen('queue-emergency');
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    const replies = await citizen.say('jeg kan ikke mere, jeg vil tage livet af mig');
    expect(texts(replies)).toHaveLength(1);
    expect(texts(replies)[0]).toMatch(/^\*\*Er der fare for liv, så ring 112 nu\.\*\*/);
    expect(messages(replies)[0]?.buttons ?? []).toEqual([]);
    expect(await f.queue.position('queue-emergency')).toBe(1);
  });

  it('"Forlad køen" takes the citizen out of the queue with a cancelled status, and the assistant answers again', async () => {
    const citizen = await f.citizen('queue-leave');
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    const left = await citizen.click({ action: 'leave-queue' }, 'Forlad køen');
    expect(statuses(left)).toEqual([{ state: 'cancelled' }]);
    expect(texts(left)).toEqual(['Du har forladt køen. Du skriver nu med mig, assistenten, igen.']);
    expect(await f.queue.waitingEntry('queue-leave')).toBeUndefined();
    expect(await f.desk.situation('queue-leave', new Date())).toEqual({ kind: 'none' });
    expect(texts(await citizen.click({ action: 'leave-queue' }, 'Forlad køen'))).toEqual([
      'Du er ikke i kø lige nu. Skriv dit spørgsmål, så hjælper jeg.',
    ]);
    expect(texts(await citizen.say('nyt pas'))[0]).toMatch(/^Du søger om pas/);
  });

  it('after two fallbacks in a row offers a person, and the context says why ("fallbacks")', async () => {
    const citizen = await f.citizen('queue-fallbacks');
    expect(texts(await citizen.say('blabla'))).toHaveLength(1);
    const second = await citizen.say('blabla igen');
    const offer = messages(second)[1];
    expect(offer?.text).toMatch(/^Jeg kan vist ikke hjælpe dig med det her\. En medarbejder kan hjælpe dig videre\./);
    expect(offer?.text).toContain('+45 10 20 30 40');
    expect(buttonValues(offer)).toEqual([{ action: 'handoff' }]);
    expect(f.events.map((e) => e.event)).toContain('handoff-offered');
    const replies = await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    expect(initiateContext(replies)).toMatchObject({
      reason: 'fallbacks',
      intents: [
        { id: 'None', score: 0.9 },
        { id: 'None', score: 0.9 },
      ],
    });
    expect(statuses(replies)).toEqual([{ state: 'queued', position: 1, estimatedWaitMinutes: null }]);
  });

  it('after a second 👎 offers a person outright, and the context says why ("unhelpful")', async () => {
    const citizen = await f.citizen('queue-unhelpful');
    await citizen.say('nyt pas');
    const sorry = await citizen.click({ action: 'feedback', intent: 'pas.bestil', helpful: false }, '👎 Nej');
    expect(texts(sorry)[0]).toMatch(/Prøv at skrive dit spørgsmål på en anden måde/);
    await citizen.say('pas igen');
    const offer = await citizen.click({ action: 'feedback', intent: 'pas.bestil', helpful: false }, '👎 Nej');
    expect(texts(offer)).toEqual([
      'Det er jeg ked af. Mine svar hjælper dig vist ikke. En medarbejder kan hjælpe dig videre.',
    ]);
    expect(buttonValues(messages(offer)[0])).toEqual([{ action: 'handoff' }]);
    expect(f.events.filter((e) => e.event === 'handoff-offered').map((e) => e.reason)).toEqual(['unhelpful-answers']);
    const replies = await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    expect(initiateContext(replies)).toMatchObject({ reason: 'unhelpful', topic: 'pas.bestil' });
    expect(f.insight.of('feedback').map((r) => r.helpful)).toEqual([false, false]);
    expect(f.insight.of('handoff-requested')).toEqual([
      { kind: 'handoff-requested', municipalityId: 'boegely', reason: 'unhelpful' },
    ]);
  });
});

describe('with an agent', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture(TUESDAY_MORNING);
  });
  afterEach(async () => {
    await f.close();
  });

  async function claimed(id: string): Promise<Citizen> {
    const citizen = await f.citizen(id);
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    f.clock.at = new Date(TUESDAY_MORNING.getTime() + 2 * 60_000);
    await f.desk.claim(ANNA, id, f.now());
    return citizen;
  }

  it('the assistant stays silent while Anna holds the conversation, and the citizen is told she took over', async () => {
    const citizen = await claimed('agent-1');
    expect(await f.desk.situation('agent-1', new Date())).toEqual({ kind: 'with-agent', agentName: 'Anna' });
    expect(await citizen.say('hej Anna, jeg har mistet mit pas')).toEqual([]);
    expect(await citizen.say('jeg vil tale med en medarbejder')).toEqual([]);
    expect(await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder')).toEqual([]);
    const stored = await f.stored('agent-1');
    expect(storedTexts(stored)).toContain('Anna (medarbejder) har overtaget samtalen. Du skriver nu med et menneske.');
    expect(storedStatuses(stored)).toContainEqual({ state: 'accepted', agentName: 'Anna' });
    const joined = stored.find((a) => a.text?.startsWith('Anna (medarbejder)'));
    expect(joined).toMatchObject({ from: { role: 'bot' }, conversation: { id: 'agent-1' } });
  });

  it('when Anna ends, the citizen is thanked and asked once how it went; "Delvist" is recorded as feedback', async () => {
    const citizen = await claimed('agent-end');
    f.clock.at = new Date(TUESDAY_MORNING.getTime() + 10 * 60_000);
    await f.desk.end(ANNA, 'agent-end', f.now());
    const stored = await f.stored('agent-end');
    expect(storedStatuses(stored)).toContainEqual({ state: 'completed' });
    expect(storedTexts(stored)).toContain(
      'Medarbejderen har afsluttet samtalen. Tak, fordi du skrev. Nu skriver du med mig, assistenten, igen.',
    );
    const question = stored.find((a) => a.text === 'Fik du den hjælp, du havde brug for?');
    expect(question?.suggestedActions?.actions.map((a) => [a.title, a.value as unknown])).toEqual([
      ['Ja', { action: 'satisfaction', answer: 'yes' }],
      ['Delvist', { action: 'satisfaction', answer: 'partly' }],
      ['Nej', { action: 'satisfaction', answer: 'no' }],
    ]);
    expect(await f.desk.situation('agent-end', new Date())).toEqual({ kind: 'none' });
    expect(await f.queue.recentHandlingTimes(QUEUE)).toEqual([8 * 60_000]);

    const thanks = await citizen.click({ action: 'satisfaction', answer: 'partly' }, 'Delvist');
    expect(texts(thanks)).toEqual(['Tak for dit svar. Det hjælper os med at blive bedre.']);
    expect(f.insight.of('satisfaction')).toEqual([
      { kind: 'satisfaction', municipalityId: 'boegely', answer: 'partly' },
    ]);
    // The queue's lifecycle: waited two minutes, handled for eight.
    expect(f.insight.recorded.map(({ fact }) => fact.kind)).toEqual([
      'turn',
      'handoff-requested',
      'handoff-queued',
      'handoff-claimed',
      'handoff-ended',
      'satisfaction',
    ]);
    expect(f.insight.of('handoff-ended')).toEqual([
      {
        kind: 'handoff-ended',
        municipalityId: 'boegely',
        queueId: QUEUE,
        outcome: 'ended',
        waitSeconds: 120,
        handlingSeconds: 480,
      },
    ]);
    // Every event names the conversation it belongs to, for the recorder to hash.
    expect(new Set(f.insight.recorded.map((r) => r.conversationId))).toEqual(new Set(['agent-end']));
    expect(f.events.map((e) => [e.event, e.reason])).toContainEqual(['feedback', 'satisfaction-partly']);
  });

  it("Anna's wrap-up code on ending (topic and outcome) goes into the insight event, and only there", async () => {
    await claimed('agent-wrap-up');
    await f.desk.end(ANNA, 'agent-wrap-up', f.now(), { topic: 'pas.bestil', outcome: 'follow-up' });
    expect(f.insight.of('handoff-ended')).toEqual([
      expect.objectContaining({ kind: 'handoff-ended', wrapUpTopic: 'pas.bestil', wrapUpOutcome: 'follow-up' }),
    ]);
    const stored = await f.stored('agent-wrap-up');
    expect(JSON.stringify(stored)).not.toContain('follow-up');
  });

  it('when Anna hands the citizen back, the citizen is told and the assistant answers again', async () => {
    const citizen = await claimed('agent-return');
    await f.desk.returnToAssistant(ANNA, 'agent-return', f.now());
    const stored = await f.stored('agent-return');
    expect(storedStatuses(stored)).toContainEqual({ state: 'returned' });
    expect(storedTexts(stored)).toContain(
      'Medarbejderen har sendt dig tilbage til mig, assistenten. Skriv bare dit spørgsmål.',
    );
    const answer = await citizen.say('nyt pas');
    expect(texts(answer)[0]).toMatch(/^Du søger om pas/);
  });
});

describe('the consented callback', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture(danish('2026-11-24T19:30'));
  });
  afterEach(async () => {
    await f.close();
  });

  async function consentAsked(citizen: Citizen): Promise<void> {
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    const consent = await citizen.click({ action: 'callback' }, 'Bliv ringet op');
    const [question] = messages(consent);
    expect(question?.text).toBe(
      'For at ringe dig op skal vi bruge dit telefonnummer og et par ord om, hvad det drejer sig om. Vi bruger det kun til at ringe dig op og sletter det senest efter 7 dage. Er det i orden?',
    );
    expect(question?.buttons).toEqual([
      { title: 'Ja, det er i orden', value: { action: 'callback-consent', given: true } },
      { title: 'Nej tak', value: { action: 'callback-consent', given: false } },
    ]);
  }

  it('asks for consent first; "Nej tak" stores nothing', async () => {
    const citizen = await f.citizen('callback-no');
    await consentAsked(citizen);
    const declined = await citizen.click({ action: 'callback-consent', given: false }, 'Nej tak');
    expect(texts(declined)).toEqual([
      'Helt i orden. Jeg har ikke gemt noget. Skriv bare, hvis jeg kan hjælpe med andet.',
    ]);
    expect(citizen.state.callback).toBeUndefined();
    // The next message is an ordinary question again, not a phone number to store.
    expect(texts(await citizen.say('ring på 12 34 56 78 om mit pas'))).toContainEqual(
      expect.stringMatching(/^Du søger om pas/),
    );
    expect(await f.callbacks.list([QUEUE])).toEqual([]);
  });

  it('after consent takes the phone number, stores it with the redacted message for the right queue, and keeps it out of everything else', async () => {
    const citizen = await f.citizen('callback-yes');
    await consentAsked(citizen);
    const ask = await citizen.click({ action: 'callback-consent', given: true }, 'Ja, det er i orden');
    expect(texts(ask)).toEqual(['Skriv dit telefonnummer og kort, hvad det drejer sig om. Skriv ikke dit CPR-nummer.']);
    expect(buttonValues(messages(ask)[0])).toEqual([{ action: 'callback-consent', given: false }]);

    const saved = await citizen.say('Ring på 12 34 56 78 om mit pas, mit cpr er 010203-1234');
    expect(statuses(saved)).toEqual([{ state: 'callbackRequested' }]);
    // The reply is stored in the transcript, so it names only the number's last two digits.
    expect(texts(saved)).toEqual([
      'Tak. En medarbejder ringer dig op på nummeret, der slutter på 78, så hurtigt som muligt i telefontiden. Skriv bare, hvis jeg kan hjælpe med andet imens.',
    ]);
    expect(citizen.state.callback).toBeUndefined();

    const [request, ...others] = await f.callbacks.list([QUEUE]);
    expect(others).toEqual([]);
    expect(request).toMatchObject({
      municipalityId: 'boegely',
      conversationId: 'callback-yes',
      queueId: QUEUE,
      language: 'da',
      phone: '12 34 56 78',
      createdAt: f.now().toISOString(),
    });
    expect(request?.message).toContain(REDACTION_MARKERS.cpr);
    expect(request?.message).toContain('om mit pas');
    expect(request?.message).not.toMatch(/010203|1234(?!\d)/);

    // The phone number and the CPR number are nowhere else: not in replies, turn events, handoff events, insight events or state.
    const elsewhere = JSON.stringify([f.events, saved, f.insight.recorded, citizen.state]);
    for (const secret of ['12 34 56 78', '12345678', '010203']) expect(elsewhere).not.toContain(secret);
    expect(await f.queue.waiting([QUEUE])).toEqual([]);
  });

  const ASK_BOTH = 'Skriv dit telefonnummer og kort, hvad det drejer sig om. Skriv ikke dit CPR-nummer.';
  const ASK_TOPIC = 'Tak. Hvad drejer det sig om? Skriv det kort.';
  const ASK_PHONE = 'Tak. Hvilket nummer kan vi ringe til? Skriv et telefonnummer med 8 cifre, fx 12 34 56 78.';
  const DECLINED = 'Helt i orden. Jeg har ikke gemt noget. Skriv bare, hvis jeg kan hjælpe med andet.';
  const CANCEL = { action: 'callback-consent', given: false };

  it.each(['ja', 'Jep!', 'ok 👍', 'ja tak', 'Ja, det er i orden.', 'gerne', 'yes please', 'sure'])(
    'takes a typed "%s" to the consent question as yes',
    async (typed) => {
      const citizen = await f.citizen('typed-yes');
      await consentAsked(citizen);
      const ask = await citizen.say(typed);
      expect(texts(ask)).toEqual([ASK_BOTH]);
      expect(buttonValues(messages(ask)[0])).toEqual([CANCEL]);
      expect(citizen.state.callback).toEqual({ step: 'details' });
    },
  );

  it.each(['nej', 'Nej tak.', 'ikke nu', 'nej ellers tak', 'no thanks', 'annuller'])(
    'takes a typed "%s" to the consent question as no, and stores nothing',
    async (typed) => {
      const citizen = await f.citizen('typed-no');
      await consentAsked(citizen);
      expect(texts(await citizen.say(typed))).toEqual([DECLINED]);
      expect(citizen.state.callback).toBeUndefined();
      expect(texts(await citizen.say('12 34 56 78'))).not.toContain(ASK_TOPIC);
      expect(await f.callbacks.list([QUEUE])).toEqual([]);
    },
  );

  it('answers a new question asked instead of yes or no as usual, and the offer lapses', async () => {
    const citizen = await f.citizen('typed-other');
    await consentAsked(citizen);
    // "ja men …" is a new question, not a yes (yes-no-answer.ts).
    expect(texts(await citizen.say('ja men hvad koster et pas?'))[0]).toMatch(/^Prisen på et pas/);
    expect(citizen.state.callback).toBeUndefined();
    expect(texts(await citizen.say('ja'))).not.toContain(ASK_BOTH);
    expect(await f.callbacks.list([QUEUE])).toEqual([]);
  });

  it('takes the number first and then what it is about, and stores one request with both', async () => {
    const citizen = await f.citizen('number-first');
    await consentAsked(citizen);
    await citizen.say('ja tak');
    const askTopic = await citizen.say('Mit nummer er 12 34 56 78');
    expect(texts(askTopic)).toEqual([ASK_TOPIC]);
    expect(buttonValues(messages(askTopic)[0])).toEqual([CANCEL]);
    expect(await f.callbacks.list([QUEUE])).toEqual([]);
    // A bare "ok" says nothing about the topic: the question is asked again.
    expect(texts(await citizen.say('ok'))).toEqual([ASK_TOPIC]);

    const saved = await citizen.say('Det handler om mit pas');
    expect(statuses(saved)).toEqual([{ state: 'callbackRequested' }]);
    expect(texts(saved)).toEqual([expect.stringMatching(/slutter på 78,/)]);
    expect(citizen.state.callback).toBeUndefined();
    expect(await f.callbacks.list([QUEUE])).toEqual([
      expect.objectContaining({
        conversationId: 'number-first',
        phone: '12 34 56 78',
        message: 'Det handler om mit pas',
      }),
    ]);
  });

  it('takes what it is about first and then the number, and stores one request with both', async () => {
    const citizen = await f.citizen('topic-first');
    await consentAsked(citizen);
    await citizen.click({ action: 'callback-consent', given: true }, 'Ja, det er i orden');
    expect(texts(await citizen.say('Jeg har spørgsmål til min boligstøtte'))).toEqual([ASK_PHONE]);
    expect(texts(await citizen.say('og til mit sygesikringskort'))).toEqual([ASK_PHONE]);
    expect(await f.callbacks.list([QUEUE])).toEqual([]);

    const saved = await citizen.say('ring på 87654321, tak');
    expect(statuses(saved)).toEqual([{ state: 'callbackRequested' }]);
    expect(await f.callbacks.list([QUEUE])).toEqual([
      expect.objectContaining({
        conversationId: 'topic-first',
        phone: '87 65 43 21',
        message: 'Jeg har spørgsmål til min boligstøtte. og til mit sygesikringskort',
      }),
    ]);
  });

  it.each([
    ['typed "annuller"', (c: Citizen) => c.say('annuller')],
    ['typed "nej"', (c: Citizen) => c.say('nej')],
    ['typed "stop"', (c: Citizen) => c.say('Stop!')],
    ['the cancel button', (c: Citizen) => c.click(CANCEL, 'Fortryd')],
  ])('cancels with %s after the number was given, and keeps nothing', async (_how, cancel) => {
    const citizen = await f.citizen('cancelled');
    await consentAsked(citizen);
    await citizen.say('ja');
    await citizen.say('12 34 56 78');
    expect(citizen.state.callback).toEqual({ step: 'details', phone: '12 34 56 78' });
    expect(texts(await cancel(citizen))).toEqual([DECLINED]);
    expect(citizen.state.callback).toBeUndefined();
    // The next message is an ordinary one again.
    expect(texts(await citizen.say('det handler om mit pas'))[0]).toMatch(/^Du søger om pas/);
    expect(await f.callbacks.list([QUEUE])).toEqual([]);
  });

  it('speaks English with a citizen who writes English, in both orders of number and topic', async () => {
    const citizen = await f.citizen('in-english', 'en-GB');
    await citizen.click({ action: 'handoff' }, 'Talk to a member of staff');
    await citizen.click({ action: 'callback' }, 'Call me back');
    expect(texts(await citizen.say('yes please'))).toEqual([
      'Write your phone number and briefly what it is about. Please do not write your CPR number.',
    ]);
    expect(texts(await citizen.say('It is about my passport'))).toEqual([
      'Thank you. Which number can we call? Write a phone number with 8 digits, e.g. 12 34 56 78.',
    ]);
    const saved = await citizen.say('my number is 12 34 56 78');
    expect(texts(saved)).toEqual([
      'Thank you. A member of staff will call you on the number ending in 78 as soon as possible during phone hours. Write if I can help with anything else meanwhile.',
    ]);
    expect(await f.callbacks.list([QUEUE])).toEqual([
      expect.objectContaining({ language: 'en', phone: '12 34 56 78', message: 'It is about my passport' }),
    ]);

    await citizen.click({ action: 'callback' }, 'Call me back');
    await citizen.say('sure');
    expect(texts(await citizen.say('12 34 56 78'))).toEqual(['Thank you. What is it about? Please write it briefly.']);
    expect(texts(await citizen.say('no thanks'))).toEqual([
      'That is fine. I have not saved anything. Write if I can help with anything else.',
    ]);
    expect(await f.callbacks.list([QUEUE])).toHaveLength(1);
  });

  it('drops a number given for a callback when the citizen moves on with another button', async () => {
    const citizen = await f.citizen('moved-on');
    await consentAsked(citizen);
    await citizen.say('ja');
    await citizen.say('12 34 56 78');
    expect(texts(await citizen.click({ action: 'answer', intent: 'pas.bestil' }, 'Pas'))[0]).toMatch(
      /^Du søger om pas/,
    );
    expect(citizen.state.callback).toBeUndefined();
    expect(await f.callbacks.list([QUEUE])).toEqual([]);
  });
});

describe('the sweeper', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture(TUESDAY_MORNING);
  });
  afterEach(async () => {
    await f.close();
  });

  // The citizens here never poll: a grace period longer than any test keeps them in the queue.
  const sweeper = (fixture: Fixture) =>
    new HandoffSweeper(
      fixture.desk,
      { intervalMs: 1000, waitOfferMs: 600_000, citizenGraceMs: 3_600_000, now: fixture.now },
      logger,
    );

  it('puts a conversation whose agent dropped back at the front of the queue and tells the citizen', async () => {
    const earlier = await f.citizen('drop-earlier');
    await earlier.click({ action: 'handoff' }, 'Tal med en medarbejder');
    f.clock.at = new Date(TUESDAY_MORNING.getTime() + 60_000);
    const dropped = await f.citizen('drop-held');
    await dropped.click({ action: 'handoff' }, 'Tal med en medarbejder');
    expect(await f.queue.position('drop-held')).toBe(2);

    await f.queue.heartbeat('anna', [QUEUE], f.now(), 30_000);
    await f.desk.claim(ANNA, 'drop-held', f.now());
    await settle();
    expect(await f.queue.position('drop-earlier')).toBe(1);

    // Anna's console goes quiet: no heartbeat for longer than its ttl.
    f.clock.at = new Date(TUESDAY_MORNING.getTime() + 3 * 60_000);
    expect(await f.queue.isOnDuty('anna', f.now())).toBe(false);
    await sweeper(f).sweepOnce();
    await settle();

    expect(await f.queue.assignment('drop-held')).toBeUndefined();
    expect(await f.queue.position('drop-held')).toBe(1);
    expect(await f.queue.position('drop-earlier')).toBe(2);
    expect(await f.queue.waitingEntry('drop-held')).toMatchObject({
      enqueuedAt: new Date(TUESDAY_MORNING.getTime() + 60_000).toISOString(),
      returnedAt: f.now().toISOString(),
    });
    const stored = await f.stored('drop-held');
    expect(storedTexts(stored)).toContain(
      'Medarbejderen mistede forbindelsen. Du er tilbage forrest i køen, og en anden medarbejder tager over.',
    );
    expect(storedStatuses(stored)).toContainEqual({
      state: 'queued',
      position: 1,
      estimatedWaitMinutes: null,
      reason: 'agent-dropped',
    });
    // The citizen who waited all along is told their new place.
    expect(storedStatuses(await f.stored('drop-earlier')).at(-1)).toEqual({
      state: 'queued',
      position: 2,
      estimatedWaitMinutes: null,
    });
    // And the dialogue sees the citizen as waiting again.
    expect(texts(await dropped.say('hallo?'))).toEqual([expect.stringMatching(/^Du er stadig i køen/)]);
  });

  it('offers the phone and a callback exactly once to a citizen who has waited long', async () => {
    const citizen = await f.citizen('long-wait');
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    const sweep = sweeper(f);
    f.clock.at = new Date(TUESDAY_MORNING.getTime() + 5 * 60_000);
    await sweep.sweepOnce();
    expect(storedTexts(await f.stored('long-wait'))).toEqual([]);

    f.clock.at = new Date(TUESDAY_MORNING.getTime() + 11 * 60_000);
    await sweep.sweepOnce();
    f.clock.at = new Date(TUESDAY_MORNING.getTime() + 12 * 60_000);
    await sweep.sweepOnce();

    const stored = await f.stored('long-wait');
    const offers = stored.filter((a) => a.text?.startsWith('Beklager, at du skal vente.'));
    expect(offers).toHaveLength(1);
    expect(offers[0]?.text).toBe(
      'Beklager, at du skal vente. Du kan blive i køen, ringe på +45 10 20 30 40 eller bede om at blive ringet op.',
    );
    expect(offers[0]?.suggestedActions?.actions.map((a) => a.value as unknown)).toEqual([
      { action: 'keep-waiting' },
      { action: 'callback' },
      { action: 'leave-queue' },
    ]);
    expect(await f.queue.position('long-wait')).toBe(1);
    expect(texts(await citizen.click({ action: 'keep-waiting' }, 'Bliv i køen'))).toEqual(['Godt. Du bliver i køen.']);
  });

  it('lets a citizen who has waited long take the callback instead: the number is stored and they leave the queue', async () => {
    const citizen = await f.citizen('wait-then-callback');
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    await citizen.click({ action: 'callback' }, 'Bliv ringet op');
    await citizen.click({ action: 'callback-consent', given: true }, 'Ja, det er i orden');
    const saved = await citizen.say('Ring på 12 34 56 78, det handler om mit pas');
    expect(texts(saved)).toContainEqual(expect.stringMatching(/ringer dig op på nummeret, der slutter på 78,/));
    const [request] = await f.callbacks.list([QUEUE]);
    expect(request).toMatchObject({ phone: '12 34 56 78', queueId: QUEUE });
    expect(await f.queue.position('wait-then-callback')).toBeUndefined();
    // Insight counts a call instead of the chat as a callback, not as a citizen who gave up waiting.
    expect(f.insight.of('callback-requested')).toHaveLength(1);
    expect(f.insight.of('handoff-abandoned')).toEqual([]);
  });
});

describe('queue hygiene: a citizen whose chat is gone, or who starts over', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture(TUESDAY_MORNING);
  });
  afterEach(async () => {
    await f.close();
  });

  const GRACE_MS = 120_000;
  const after = (seconds: number) => new Date(TUESDAY_MORNING.getTime() + seconds * 1000);
  const sweeper = (fixture: Fixture) =>
    new HandoffSweeper(
      fixture.desk,
      { intervalMs: 1000, waitOfferMs: 600_000, citizenGraceMs: GRACE_MS, now: fixture.now },
      logger,
    );

  it('takes a waiting citizen whose chat has been gone past the grace period out of the queue, once, and says why', async () => {
    const gone = await f.citizen('gone-citizen');
    await gone.click({ action: 'handoff' }, 'Tal med en medarbejder');
    await f.presence.seen('gone-citizen', after(10));
    const stays = await f.citizen('stays-citizen');
    await stays.click({ action: 'handoff' }, 'Tal med en medarbejder');

    // Polls every now and then; the other one's widget went quiet at +10 s.
    for (const seconds of [60, 120]) {
      await f.presence.seen('stays-citizen', after(seconds));
      f.clock.at = after(seconds);
      await sweeper(f).sweepOnce();
    }
    expect(await f.queue.position('gone-citizen')).toBe(1);

    f.clock.at = after(131);
    await f.presence.seen('stays-citizen', after(131));
    // Two instances sweep at the same moment: the citizen leaves once.
    await Promise.all([sweeper(f).sweepOnce(), sweeper(f).sweepOnce()]);
    await settle();

    expect(await f.queue.position('gone-citizen')).toBeUndefined();
    expect(await f.queue.position('stays-citizen')).toBe(1);
    expect(f.insight.of('handoff-abandoned')).toEqual([
      { kind: 'handoff-abandoned', municipalityId: 'boegely', queueId: QUEUE, waitSeconds: 131, reason: 'closed' },
    ]);
    expect(await f.presence.departures([QUEUE], after(0))).toEqual([
      expect.objectContaining({ queueId: QUEUE, reason: 'closed', waitedSeconds: 131, withAgent: false }),
    ]);
    // If they come back, the conversation says why they are no longer waiting, and how to queue again.
    const stored = await f.stored('gone-citizen');
    expect(storedStatuses(stored).at(-1)).toEqual({ state: 'cancelled' });
    expect(storedTexts(stored).at(-1)).toBe(
      'Du er ikke længere i køen, fordi chatten var lukket i et stykke tid. ' +
        'Vil du stadig tale med en medarbejder, så stil dig i kø igen.',
    );
    expect(texts(await gone.click({ action: 'handoff' }, 'Tal med en medarbejder'))).toContainEqual(
      expect.stringMatching(/^Du er nummer 2 i køen/),
    );
  });

  it('keeps the place of a citizen who comes back within the grace period (a reload, a locked screen)', async () => {
    const citizen = await f.citizen('reloading');
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    await f.presence.seen('reloading', after(0));
    f.clock.at = after(110);
    await sweeper(f).sweepOnce();
    await f.presence.seen('reloading', after(115));
    f.clock.at = after(200);
    await sweeper(f).sweepOnce();
    expect(await f.queue.position('reloading')).toBe(1);
    expect(f.insight.of('handoff-abandoned')).toEqual([]);

    // Gone for good from +115 s.
    f.clock.at = after(236);
    await sweeper(f).sweepOnce();
    expect(await f.queue.position('reloading')).toBeUndefined();
  });

  it('tells the agent once when the citizen they hold has closed the chat, and leaves the conversation to them', async () => {
    const citizen = await f.citizen('held-gone');
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    await f.queue.heartbeat('anna', [QUEUE], f.now(), 3_600_000);
    await f.desk.claim(ANNA, 'held-gone', f.now());
    await f.presence.seen('held-gone', after(30));

    f.clock.at = after(140);
    await sweeper(f).sweepOnce();
    expect(storedStatuses(await f.stored('held-gone'))).not.toContainEqual({ state: 'citizenAway' });

    f.clock.at = after(151);
    await Promise.all([sweeper(f).sweepOnce(), sweeper(f).sweepOnce()]);
    f.clock.at = after(200);
    await sweeper(f).sweepOnce();
    const away = storedStatuses(await f.stored('held-gone')).filter((s) => isState(s, 'citizenAway'));
    expect(away).toHaveLength(1);
    expect(await f.queue.assignment('held-gone')).toMatchObject({ agentId: 'anna' });

    // Back, then gone again: a new absence is reported again.
    await f.presence.seen('held-gone', after(210));
    f.clock.at = after(400);
    await sweeper(f).sweepOnce();
    expect(storedStatuses(await f.stored('held-gone')).filter((s) => isState(s, 'citizenAway'))).toHaveLength(2);
  });

  it('"Start forfra" while waiting leaves the queue at once, with the reason for staff and insight', async () => {
    const citizen = await f.citizen('starts-over');
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    f.clock.at = after(45);
    await f.desk.citizenLeft('starts-over', 'started-over', f.now());
    await settle();
    expect(await f.queue.position('starts-over')).toBeUndefined();
    expect(f.insight.of('handoff-abandoned')).toEqual([
      expect.objectContaining({ reason: 'started-over', waitSeconds: 45 }),
    ]);
    expect(await f.presence.departureReason('starts-over')).toBe('started-over');
    expect(storedStatuses(await f.stored('starts-over')).at(-1)).toEqual({ state: 'citizenLeft' });
    // Pressing it again (or for a conversation that never queued) does nothing.
    await f.desk.citizenLeft('starts-over', 'started-over', f.now());
    expect(f.insight.of('handoff-abandoned')).toHaveLength(1);
  });

  it('"Start forfra" with an agent ends the conversation for the agent, with the reason kept for their console', async () => {
    const citizen = await f.citizen('leaves-agent');
    await citizen.click({ action: 'handoff' }, 'Tal med en medarbejder');
    await f.queue.heartbeat('anna', [QUEUE], f.now(), 3_600_000);
    await f.desk.claim(ANNA, 'leaves-agent', f.now());
    f.clock.at = after(300);
    await f.desk.citizenLeft('leaves-agent', 'started-over', f.now());
    await settle();
    expect(await f.queue.assignment('leaves-agent')).toBeUndefined();
    expect(await f.queue.assignmentsOf('anna')).toEqual([]);
    expect(await f.presence.departureReason('leaves-agent')).toBe('started-over');
    expect(f.insight.of('handoff-ended')).toEqual([expect.objectContaining({ outcome: 'citizen-left' })]);
    expect(storedStatuses(await f.stored('leaves-agent')).at(-1)).toEqual({ state: 'citizenLeft' });
    // Only staff see that line; nothing is said to the citizen, who has moved on.
    expect(storedTexts(await f.stored('leaves-agent')).at(-1)).not.toMatch(/forlod|left/);
    // Marked as having left an agent: the console's list of citizens who left the queue leaves it out.
    expect(await f.presence.departures([QUEUE], after(0))).toEqual([
      expect.objectContaining({ reason: 'started-over', withAgent: true }),
    ]);
  });
});

function isState(status: unknown, state: string): boolean {
  return typeof status === 'object' && status !== null && (status as { state?: unknown }).state === state;
}
