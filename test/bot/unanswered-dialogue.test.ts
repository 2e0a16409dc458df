import type { IntentDecision } from '../../intents/intent-decision';
import type { RankedIntent } from '../../intents/ranked-intent';
import { conversationKey, type UnansweredQuestion } from '../../bot/unanswered/unanswered-question';
import { InMemoryUnansweredStore, type UnansweredStore } from '../../bot/unanswered/unanswered-store';
import { buttonsOf, ConversationHarness, texts } from '../support/conversation-harness';
import { stubKnowledgeSource } from '../support/stub-knowledge-source';

/**
 * "elcykel": nothing answers (fallback) though passports rank highest after None; "flyt": "Mente du
 * …?" between moving and moving abroad; "pas": the passport answer; anything else: off-topic.
 */
function decide(text: string): IntentDecision {
  if (/elcykel/i.test(text)) return { kind: 'fallback', reason: 'low-score' };
  if (/naboens børn/i.test(text)) return { kind: 'clarify', intents: ['underretning', 'boerneydelse'], score: 0.4 };
  if (/flyt/i.test(text)) return { kind: 'clarify', intents: ['flytning.anmeld', 'flytning.udland'], score: 0.4 };
  if (/pas/i.test(text)) return { kind: 'answer', intent: 'pas.bestil', score: 0.9 };
  return { kind: 'fallback', reason: 'none-class' };
}

function rank(text: string): RankedIntent[] {
  if (/elcykel/i.test(text))
    return [
      { intent: 'None', score: 0.4 },
      { intent: 'pas.bestil', score: 0.1 },
      { intent: 'folkepension', score: 0.05 },
    ];
  const decision = decide(text);
  if (decision.kind === 'answer') return [{ intent: decision.intent, score: decision.score }];
  if (decision.kind === 'clarify') return decision.intents.map((intent) => ({ intent, score: 0.4 }));
  return [{ intent: 'None', score: 0.9 }];
}

async function chatWith(unanswered: UnansweredStore, locale?: string): Promise<ConversationHarness> {
  return new ConversationHarness(await stubKnowledgeSource(decide, undefined, rank), {
    unanswered,
    ...(locale ? { locale } : {}),
    now: () => new Date('2026-12-01T10:00:00.000Z'),
  });
}

describe('the unanswered inbox, filled by the dialogue', () => {
  it('records a fallback as the redacted text, never the CPR number, with the best intent other than None', async () => {
    const inbox = new InMemoryUnansweredStore();
    const chat = await chatWith(inbox);
    const replies = await chat.say('Mit CPR er 010190-1234. Kan jeg få tilskud til en elcykel?');
    expect(texts(replies).join('\n')).toMatch(/CPR-nummer/); // the citizen is told it was removed
    const [question, ...rest] = await inbox.list();
    expect(rest).toEqual([]);
    expect(question).toEqual<UnansweredQuestion>({
      id: expect.any(String) as string,
      municipalityId: 'boegely',
      language: 'da',
      text: 'Mit CPR er [CPR-nummer fjernet]. Kan jeg få tilskud til en elcykel?',
      reason: 'fallback',
      suggestedIntent: 'pas.bestil',
      conversationKey: conversationKey(chat.conversation.id),
      at: '2026-12-01T10:00:00.000Z',
    });
    expect(JSON.stringify(await inbox.list())).not.toMatch(/010190|1234|0101901234/);
    expect(JSON.stringify(await inbox.list())).not.toContain(chat.conversation.id);
    expect(chat.storeErrors).toEqual([]);
  });

  it('records off-topic chat without a suggested intent', async () => {
    const inbox = new InMemoryUnansweredStore();
    const chat = await chatWith(inbox);
    await chat.say('hvad bliver vejret i morgen');
    expect(await inbox.list()).toEqual([
      expect.objectContaining({ text: 'hvad bliver vejret i morgen', reason: 'fallback' }),
    ]);
    expect((await inbox.list())[0]?.suggestedIntent).toBeUndefined();
  });

  it('records "Mente du …?" with reason clarify and the first intent offered', async () => {
    const inbox = new InMemoryUnansweredStore();
    const chat = await chatWith(inbox, 'en-GB');
    const [reply] = await chat.say('I am flytting soon');
    expect(buttonsOf(reply).length).toBeGreaterThan(1);
    expect(await inbox.list()).toEqual([
      expect.objectContaining({
        text: 'I am flytting soon',
        reason: 'clarify',
        suggestedIntent: 'flytning.anmeld',
        language: 'en',
      }),
    ]);
  });

  it('records nothing for an answer, and the question behind a 👎 once', async () => {
    const inbox = new InMemoryUnansweredStore();
    const chat = await chatWith(inbox);
    await chat.say('hvordan får jeg nyt pas, mit tlf er 12345678');
    expect(await inbox.list()).toEqual([]);
    await chat.click({ action: 'feedback', intent: 'pas.bestil', helpful: false }, '👎');
    expect(await inbox.list()).toEqual([
      expect.objectContaining({
        text: 'hvordan får jeg nyt pas, mit tlf er [telefonnummer fjernet]',
        reason: 'not-helpful',
        suggestedIntent: 'pas.bestil',
      }),
    ]);
    // A second 👎, or one under an answer whose question is not the last one, adds nothing.
    await chat.click({ action: 'feedback', intent: 'pas.bestil', helpful: false }, '👎');
    await chat.click({ action: 'feedback', intent: 'flytning.anmeld', helpful: false }, '👎');
    expect(await inbox.list()).toHaveLength(1);
  });

  it('records nothing for a 👍 or for an answer reached by a button', async () => {
    const inbox = new InMemoryUnansweredStore();
    const chat = await chatWith(inbox);
    await chat.say('nyt pas');
    await chat.click({ action: 'feedback', intent: 'pas.bestil', helpful: true }, '👍');
    await chat.click({ action: 'answer', intent: 'folkepension' }, 'Folkepension');
    await chat.click({ action: 'feedback', intent: 'folkepension', helpful: false }, '👎');
    expect(await inbox.list()).toEqual([]);
  });

  it('records the message behind the calm reply to frustration', async () => {
    const inbox = new InMemoryUnansweredStore();
    const chat = await chatWith(inbox);
    await chat.say('du forstår ingenting, din dumme robot');
    expect(chat.events.map((e) => e.event)).toEqual(['handoff-offered']);
    expect(await inbox.list()).toEqual([
      expect.objectContaining({ text: 'du forstår ingenting, din dumme robot', reason: 'frustration' }),
    ]);
  });

  it('keeps messages near a safety topic out of the inbox', async () => {
    const inbox = new InMemoryUnansweredStore();
    const chat = await chatWith(inbox);
    const [reply] = await chat.say('jeg er bekymret for naboens børn');
    expect(buttonsOf(reply).map((b) => b.value)).toContainEqual({ action: 'answer', intent: 'underretning' });
    expect(chat.events.map((e) => e.event)).toEqual(['clarified']);
    expect(await inbox.list()).toEqual([]);
  });

  it('answers as usual when the inbox fails, and reports the failure', async () => {
    const failing: UnansweredStore = Object.assign(new InMemoryUnansweredStore(), {
      record: async () => Promise.reject(new Error('inbox: Redis did not answer in time')),
    });
    const chat = await chatWith(failing);
    const withInbox = await chat.say('kan jeg få tilskud til en elcykel');
    const chatWithout = new ConversationHarness(await stubKnowledgeSource(decide, undefined, rank));
    expect(texts(withInbox)).toEqual(texts(await chatWithout.say('kan jeg få tilskud til en elcykel')));
    expect(chat.storeErrors.map((e) => e.message)).toEqual(['inbox: Redis did not answer in time']);
  });
});
