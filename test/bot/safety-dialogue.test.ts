import type { KnowledgeSource } from '../../bot/dialogue/live-knowledge';
import type { Classification } from '../../intents/intent-classifier';
import type { IntentDecision } from '../../intents/intent-decision';
import type { RankedIntent } from '../../intents/ranked-intent';
import { buttonsOf, cardsOf, ConversationHarness } from '../support/conversation-harness';
import { stubKnowledgeSource } from '../support/stub-knowledge-source';

const EMERGENCY_DA = /^\*\*Er der fare for liv, så ring 112 nu\.\*\*/;
const EMERGENCY_EN = /^\*\*If a life is in danger, call 112 now\.\*\*/;

/** A classifier that returns exactly this decision and ranking, so the safety rules are tested apart from model scores. */
async function classifiedAs(
  decision: IntentDecision,
  ranked: RankedIntent[],
  language?: 'da' | 'en',
): Promise<KnowledgeSource> {
  const source = await stubKnowledgeSource(() => decision, language);
  return {
    ...source,
    classifier: {
      async classify(_text: string, current: 'da' | 'en'): Promise<Classification> {
        return { language: language ?? current, decision, ranked, knownWords: 1, similarity: 1 };
      },
    },
  };
}

/** The emergency reply: one message, the numbers first, and nothing to click. */
function expectOnlyTheEmergencyAnswer(
  replies: Awaited<ReturnType<ConversationHarness['say']>>,
  pattern = EMERGENCY_DA,
): void {
  expect(replies).toHaveLength(1);
  const [reply] = replies;
  expect(reply?.text).toMatch(pattern);
  expect(reply?.text).toContain('70 201 201');
  expect(reply?.text).toContain('1813');
  expect(buttonsOf(reply)).toEqual([]);
  expect(cardsOf(reply)).toEqual([]);
}

describe('the emergency answer (akut.hjaelp)', () => {
  it('answers with the numbers only: no feedback question, no related topics, no buttons', async () => {
    const chat = new ConversationHarness(
      await classifiedAs({ kind: 'answer', intent: 'akut.hjaelp', score: 0.9 }, [
        { intent: 'akut.hjaelp', score: 0.9 },
      ]),
    );
    expectOnlyTheEmergencyAnswer(await chat.say('jeg vil ikke leve mere'));
    expect(chat.events).toEqual([expect.objectContaining({ event: 'answered', intent: 'akut.hjaelp' })]);
  });

  it('is given directly instead of "Mente du …?" when it is one of the candidates', async () => {
    for (const intents of [
      ['laege.skift', 'akut.hjaelp'],
      ['akut.hjaelp', 'sundhedskort.gult'],
      ['akut.hjaelp'],
    ] as const) {
      const ranked = intents.map((intent, i) => ({ intent, score: 0.35 - i * 0.05 }));
      const chat = new ConversationHarness(await classifiedAs({ kind: 'clarify', intents, score: 0.35 }, ranked));
      const replies = await chat.say('min far har det skidt');
      expectOnlyTheEmergencyAnswer(replies);
      expect(replies[0]?.text).not.toMatch(/Mente du/);
      expect(chat.events).toEqual([
        expect.objectContaining({ event: 'answered', intent: 'akut.hjaelp', reason: 'safety-clarify' }),
      ]);
    }
  });

  it('is given instead of a fallback whose best guess it is', async () => {
    for (const reason of ['low-score', 'unknown-words'] as const) {
      const chat = new ConversationHarness(
        await classifiedAs({ kind: 'fallback', reason }, [
          { intent: 'akut.hjaelp', score: 0.2 },
          { intent: 'None', score: 0.1 },
        ]),
      );
      expectOnlyTheEmergencyAnswer(await chat.say('orker ikke mer'));
      expect(chat.events).toEqual([
        expect.objectContaining({ event: 'answered', intent: 'akut.hjaelp', reason: 'safety-fallback' }),
      ]);
    }
  });

  it('leaves an ordinary fallback alone when the emergency is not the best guess', async () => {
    const chat = new ConversationHarness(
      await classifiedAs({ kind: 'fallback', reason: 'none-class' }, [
        { intent: 'None', score: 0.8 },
        { intent: 'akut.hjaelp', score: 0.1 },
      ]),
    );
    const [reply] = await chat.say('hvad bliver vejret i morgen');
    expect(reply?.text).not.toMatch(/112/);
    expect(chat.events.map((e) => e.event)).toEqual(['fallback']);
  });

  it('keeps "Mente du …?" for ordinary topics', async () => {
    const chat = new ConversationHarness(
      await classifiedAs({ kind: 'clarify', intents: ['koerekort.forny', 'koerekort.mistet'], score: 0.4 }, [
        { intent: 'koerekort.forny', score: 0.4 },
        { intent: 'koerekort.mistet', score: 0.35 },
      ]),
    );
    const [question] = await chat.say('kørekort');
    expect(question?.text).toMatch(/Mente du/);
  });

  it('puts nothing before the numbers, not even the notice about removed personal data', async () => {
    const chat = new ConversationHarness(
      await classifiedAs({ kind: 'answer', intent: 'akut.hjaelp', score: 0.9 }, [
        { intent: 'akut.hjaelp', score: 0.9 },
      ]),
    );
    const replies = await chat.say('jeg vil dø, mit cpr er 010203-1234');
    expectOnlyTheEmergencyAnswer(replies);
    expect(chat.events[0]?.personalDataFound).toEqual(['cpr']);
  });

  it('answers in English with the same numbers', async () => {
    const chat = new ConversationHarness(
      await classifiedAs(
        { kind: 'clarify', intents: ['akut.hjaelp'], score: 0.3 },
        [{ intent: 'akut.hjaelp', score: 0.3 }],
        'en',
      ),
      { locale: 'en-GB' },
    );
    expectOnlyTheEmergencyAnswer(await chat.say('I do not want to be here anymore'), EMERGENCY_EN);
  });

  it('has no buttons either when reached by a topic button', async () => {
    const chat = new ConversationHarness(
      await classifiedAs({ kind: 'fallback', reason: 'none-class' }, [{ intent: 'None', score: 0.9 }]),
    );
    expectOnlyTheEmergencyAnswer(await chat.click({ action: 'answer', intent: 'akut.hjaelp' }, 'Akut hjælp'));
  });
});

describe('a worry about a child and violence at home', () => {
  it("underretning gives the municipality's own route and national line, and offers a person at once", async () => {
    const chat = new ConversationHarness(
      await classifiedAs({ kind: 'answer', intent: 'underretning', score: 0.9 }, [
        { intent: 'underretning', score: 0.9 },
      ]),
      {
        municipality: 'havbakke',
      },
    );
    const replies = await chat.say('jeg er bekymret for naboens børn');
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply?.text).toMatch(/^\*\*Er et barn i fare lige nu, så ring 112\.\*\*/);
    expect(reply?.text).toContain('+45 10 20 30 55');
    expect(reply?.text).toContain('https://www.havbakke.example/boern/bekymret-for-et-barn');
    expect(reply?.text).toContain('114');
    expect(reply?.text).toContain('116 111');
    expect(buttonsOf(reply)).toEqual([{ title: 'Tal med en medarbejder', value: { action: 'handoff' } }]);
  });

  it("vold.naer gives 112, Lev Uden Vold's 1888 and the municipality's help, and offers a person at once", async () => {
    const chat = new ConversationHarness(
      await classifiedAs({ kind: 'answer', intent: 'vold.naer', score: 0.9 }, [{ intent: 'vold.naer', score: 0.9 }]),
      { locale: 'en-GB' },
    );
    const replies = await chat.say('my husband hits me');
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply?.text).toMatch(/^\*\*If you or anyone else is in danger right now, call 112\.\*\*/);
    expect(reply?.text).toContain('1888');
    expect(reply?.text).toContain('+45 10 20 30 40');
    expect(reply?.text).toContain('https://www.boegely.example/sundhed/vold-i-naere-relationer');
    expect(buttonsOf(reply)).toEqual([{ title: 'Talk to a member of staff', value: { action: 'handoff' } }]);
  });

  it('a referral keeps the ordinary answer with "Hjalp svaret?"', async () => {
    const chat = new ConversationHarness(
      await classifiedAs({ kind: 'answer', intent: 'henvisning.politi', score: 0.9 }, [
        { intent: 'henvisning.politi', score: 0.9 },
      ]),
    );
    const [reply, feedback] = await chat.say('der har været indbrud i min bil');
    expect(reply?.text).toMatch(/politiet/);
    expect(feedback?.text).toBe('Hjalp svaret?');
  });
});
