import type { IntentDecision } from '../../intents/intent-decision';
import type { RankedIntent } from '../../intents/ranked-intent';
import { buttonsOf, cardsOf, ConversationHarness } from '../support/conversation-harness';
import { stubKnowledgeSource } from '../support/stub-knowledge-source';

const answer = (intent: string): IntentDecision => ({ kind: 'answer', intent, score: 0.9 });
const offTopic: IntentDecision = { kind: 'fallback', reason: 'none-class' };
const unsure: IntentDecision = { kind: 'fallback', reason: 'low-score' };

async function chatWith(
  decide: (text: string) => IntentDecision,
  rank?: (text: string) => RankedIntent[],
  locale?: string,
) {
  return new ConversationHarness(await stubKnowledgeSource(decide, undefined, rank), locale ? { locale } : {});
}

describe('fallbacks that help', () => {
  it('tells off-topic chat what the assistant is for, with a person, and shows no unrelated guide', async () => {
    const chat = await chatWith(() => offTopic);
    const [reply, ...rest] = await chat.say('Hvordan bliver vejret i morgen?');
    expect(rest).toEqual([]);
    expect(reply?.text).toMatch(/^Det kan jeg desværre ikke hjælpe med\. Jeg svarer på spørgsmål til Bøgely Kommune/);
    expect(cardsOf(reply)).toEqual([]);
    expect(buttonsOf(reply).map((b) => b.value)).toEqual([{ action: 'handoff' }]);
    expect(chat.events).toEqual([expect.objectContaining({ event: 'fallback', reason: 'none-class' })]);
  });

  it('says it in English to an English citizen', async () => {
    const chat = await chatWith(() => offTopic, undefined, 'en-GB');
    const [reply] = await chat.say('what will the weather be like tomorrow');
    expect(reply?.text).toMatch(/^Sorry, I can't help with that\. I answer questions for Bøgely Kommune/);
  });

  it('offers the likely topics as buttons, and a person, when no guide fits', async () => {
    const chat = await chatWith(
      () => unsure,
      () => [
        { intent: 'pas.bestil', score: 0.3 },
        { intent: 'hilsen', score: 0.25 },
        { intent: 'pas.mistet', score: 0.2 },
        { intent: 'None', score: 0.1 },
      ],
    );
    const [reply] = await chat.say('det der med rejsedokumentet');
    expect(reply?.text).toBe('Det kan jeg desværre ikke svare på. Handler dit spørgsmål om et af disse emner?');
    expect(cardsOf(reply)).toEqual([]);
    expect(buttonsOf(reply).map((b) => b.value)).toEqual([
      { action: 'answer', intent: 'pas.bestil' },
      { action: 'answer', intent: 'pas.mistet' },
      { action: 'handoff' },
    ]);
  });

  it('asks to rephrase when it is unsure and has nothing likely to offer', async () => {
    const chat = await chatWith(
      () => ({ kind: 'fallback', reason: 'unknown-words' }),
      () => [{ intent: 'pas.bestil', score: 0.05 }],
    );
    const [reply] = await chat.say('xyzzy plugh');
    expect(reply?.text).toMatch(/Prøv at skrive det på en anden måde/);
    expect(buttonsOf(reply).map((b) => b.value)).toEqual([{ action: 'handoff' }]);
  });

  it('shows a relevant guide as a card with the likely topics beside it', async () => {
    const chat = await chatWith(
      () => unsure,
      () => [{ intent: 'jagttegn.unknown', score: 0.5 }],
    );
    const [reply] = await chat.say('hvor køber jeg fisketegn');
    expect(cardsOf(reply)[0]?.title).toMatch(/^Fisketegn/);
    // An intent id the knowledge base does not have is no button.
    expect(buttonsOf(reply).map((b) => b.value)).toEqual([{ action: 'handoff' }]);
  });
});

describe('abuse and frustration', () => {
  it('answers an insult calmly with a person, never "Mente du …?"', async () => {
    const chat = await chatWith(() => ({ kind: 'clarify', intents: ['bot.hvem'], score: 0.3 }));
    const [reply, ...rest] = await chat.say('du er dum');
    expect(rest).toEqual([]);
    expect(reply?.text).toMatch(/^Jeg kan godt forstå, hvis du er frustreret\./);
    expect(reply?.text).toContain('+45 10 20 30 40');
    expect(reply?.text).not.toMatch(/Mente du/);
    expect(buttonsOf(reply).map((b) => b.value)).toEqual([{ action: 'handoff' }]);
    expect(chat.events).toEqual([expect.objectContaining({ event: 'handoff-offered', reason: 'abuse' })]);
  });

  it('answers frustration calmly even when the classifier took it for chat', async () => {
    const chat = await chatWith(() => answer('bot.hvem'));
    const [reply] = await chat.say('du forstår ingenting');
    expect(reply?.text).toMatch(/frustreret/);
    expect(chat.events).toEqual([expect.objectContaining({ event: 'handoff-offered', reason: 'frustration' })]);
  });

  it('answers frustration in English', async () => {
    const chat = await chatWith(() => offTopic, undefined, 'en-GB');
    const [reply] = await chat.say('this is useless');
    expect(reply?.text).toMatch(/^I understand if you are frustrated\./);
  });

  it('still answers a real question asked in anger', async () => {
    const chat = await chatWith(() => answer('pas.mistet'));
    const [reply] = await chat.say('for fanden, jeg har mistet mit pas');
    expect(reply?.text).not.toMatch(/frustreret/);
    expect(chat.events).toEqual([expect.objectContaining({ event: 'answered', intent: 'pas.mistet' })]);
  });

  it('still lets an angry citizen ask for a person', async () => {
    const chat = await chatWith(() => answer('agent.handoff'));
    await chat.say('giv mig et menneske for helvede');
    expect(chat.events).toEqual([expect.objectContaining({ event: 'answered', intent: 'agent.handoff' })]);
  });

  it('gives the emergency numbers first, whatever the words', async () => {
    const chat = await chatWith(() => answer('akut.hjaelp'));
    const [reply] = await chat.say('fuck det hele, jeg vil ikke leve mere');
    expect(reply?.text).toContain('112');
    expect(reply?.text).not.toMatch(/frustreret/);
  });
});
