import { REDACTION_MARKERS } from '../../privacy/personal-data-redactor';
import type { IntentDecision } from '../../intents/intent-decision';
import { buttonsOf, cardsOf, ConversationHarness, texts } from '../support/conversation-harness';
import { stubKnowledgeSource } from '../support/stub-knowledge-source';

const answer = (intent: string): IntentDecision => ({ kind: 'answer', intent, score: 0.9 });
const fallback: IntentDecision = { kind: 'fallback', reason: 'none-class' };

describe('welcome', () => {
  it('says plainly it is a bot, warns against CPR numbers, links the privacy notice and offers a person', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => fallback));
    const [welcome] = await chat.join();
    expect(welcome?.text).toMatch(/virtuelle assistent/);
    expect(welcome?.text).toMatch(/ikke et menneske/);
    expect(welcome?.text).toMatch(/CPR-nummer/);
    expect(welcome?.text).toContain('https://www.boegely.example/privatlivspolitik');
    expect(welcome?.text).toContain('+45 10 20 30 40');
    expect(welcome?.locale).toBe('da-DK');
    expect(buttonsOf(welcome).map((b) => b.title)).toContain('Tal med en medarbejder');
  });

  it('welcomes in English when the widget is English, with the municipality from the widget', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => fallback), {
      locale: 'en-US',
      municipality: 'havbakke',
    });
    const [welcome] = await chat.join();
    expect(welcome?.text).toMatch(/Havbakke Kommune's virtual assistant/);
    expect(welcome?.text).toMatch(/not a person/);
    expect(welcome?.locale).toBe('en-GB');
  });

  it('falls back to the default municipality for an unknown one', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => fallback), { municipality: 'atlantis' });
    const [welcome] = await chat.join();
    expect(welcome?.text).toContain('Bøgely Kommune');
  });

  it('welcomes once even if the conversation update repeats', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => fallback));
    expect(await chat.join()).toHaveLength(1);
    expect(await chat.join()).toHaveLength(0);
  });
});

describe('answers', () => {
  it('answers with the intent text, the official link after it, related topics and "Hjalp svaret?"', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => answer('pas.bestil')));
    const [reply, feedback] = await chat.say('nyt pas');
    expect(reply?.text).toMatch(/^Du søger om pas/);
    expect(reply?.text).toMatch(/➜ \[.+\]\(https:\/\/.+\)/);
    expect(reply?.text).not.toContain('{{');
    const related = cardsOf(reply)[0];
    expect(related?.title).toBe('Se også');
    expect(related?.buttons?.map((b) => b.value)).toContainEqual({ action: 'answer', intent: 'pas.mistet' });
    expect(feedback?.text).toBe('Hjalp svaret?');
    expect(buttonsOf(feedback).map((b) => b.value)).toEqual([
      { action: 'feedback', intent: 'pas.bestil', helpful: true },
      { action: 'feedback', intent: 'pas.bestil', helpful: false },
    ]);
  });

  it("fills the municipality's own facts from its profile", async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => answer('kontakt')), {
      municipality: 'havbakke',
    });
    const [reply] = await chat.say('telefonnummer');
    expect(reply?.text).toContain('+45 10 20 30 50');
    expect(reply?.text).toContain('borgerservice@havbakke.example');
  });

  it('handles greetings, thanks and "are you a robot" without asking for feedback', async () => {
    for (const intent of ['hilsen', 'tak.farvel', 'bot.hvem']) {
      const chat = new ConversationHarness(await stubKnowledgeSource(() => answer(intent)));
      const replies = await chat.say('hej');
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text?.length).toBeGreaterThan(0);
    }
    const robot = new ConversationHarness(await stubKnowledgeSource(() => answer('bot.hvem')));
    expect((await robot.say('er du en robot'))[0]?.text).toMatch(/ikke et menneske|computerprogram|virtuel/i);
  });

  it('answers a clicked related topic without classifying anything', async () => {
    const source = await stubKnowledgeSource(() => fallback);
    const chat = new ConversationHarness(source);
    const [reply] = await chat.click({ action: 'answer', intent: 'pas.mistet' }, 'Mistet pas');
    expect(reply?.text).toMatch(/pas/i);
    expect(source.seen).toHaveLength(0);
  });
});

describe('"Mente du …?"', () => {
  it('offers both close intents as buttons, and a person', async () => {
    const chat = new ConversationHarness(
      await stubKnowledgeSource(() => ({
        kind: 'clarify',
        intents: ['koerekort.forny', 'koerekort.mistet'],
        score: 0.4,
      })),
    );
    const [question] = await chat.say('kørekort');
    expect(question?.text).toMatch(/Mente du en af disse/);
    expect(buttonsOf(question).map((b) => b.value)).toEqual([
      { action: 'answer', intent: 'koerekort.forny' },
      { action: 'answer', intent: 'koerekort.mistet' },
      { action: 'handoff' },
    ]);
  });

  it('asks about a single likely intent when the assistant is unsure', async () => {
    const chat = new ConversationHarness(
      await stubKnowledgeSource(() => ({ kind: 'clarify', intents: ['aabningstider'], score: 0.3 })),
    );
    const [question] = await chat.say('hvornår kan jeg komme');
    expect(question?.text).toMatch(/Mente du dette/);
    expect(buttonsOf(question).map((b) => b.title)).toEqual(['Åbningstider', 'Tal med en medarbejder']);
  });
});

describe('fallback', () => {
  it('shows the best guides as cards and a "Tal med en medarbejder" button', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => fallback));
    const [reply] = await chat.say('fisketegn til lystfiskeri');
    expect(reply?.text).toMatch(/vejledninger/);
    const cards = cardsOf(reply);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0]?.title).toMatch(/fisketegn/i);
    expect(cards[0]?.buttons?.[0]?.type).toBe('openUrl');
    expect(buttonsOf(reply).map((b) => b.value)).toEqual([{ action: 'handoff' }]);
  });

  it('offers a person proactively after two fallbacks in a row, and an answer resets the count', async () => {
    let decision: IntentDecision = fallback;
    const chat = new ConversationHarness(await stubKnowledgeSource(() => decision));
    expect(await chat.say('blabla')).toHaveLength(1);
    const second = await chat.say('blabla igen');
    expect(second).toHaveLength(2);
    expect(second[1]?.text).toMatch(/medarbejder/);
    expect(chat.events.map((e) => e.event)).toContain('handoff-offered');
    decision = answer('pas.bestil');
    await chat.say('pas');
    decision = fallback;
    expect(await chat.say('blabla')).toHaveLength(1);
  });

  it('the staff button answers with how to reach a person', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => fallback));
    const [reply] = await chat.click({ action: 'handoff' }, 'Tal med en medarbejder');
    expect(reply?.text).toContain('+45 10 20 30 40');
  });
});

describe('feedback', () => {
  it('records 👍 and 👎 with intent and municipality, thanks, and offers a person after 👎', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => answer('pas.bestil')));
    await chat.say('pas');
    expect(texts(await chat.click({ action: 'feedback', intent: 'pas.bestil', helpful: true }, '👍'))).toEqual([
      'Tak for din tilbagemelding.',
    ]);
    const sorry = await chat.click({ action: 'feedback', intent: 'pas.bestil', helpful: false }, '👎');
    expect(sorry[0]?.text).toMatch(/ked af/);
    expect(buttonsOf(sorry[0]).map((b) => b.value)).toEqual([{ action: 'handoff' }]);
    const records = chat.insight.of('feedback');
    expect(records.map((r) => [r.intent, r.helpful, r.municipalityId])).toEqual([
      ['pas.bestil', true, 'boegely'],
      ['pas.bestil', false, 'boegely'],
    ]);
  });
});

describe('personal data and bad input', () => {
  it('redacts a CPR number before classification, says so kindly, and still answers', async () => {
    const source = await stubKnowledgeSource(() => answer('sundhedskort.gult'));
    const chat = new ConversationHarness(source);
    const replies = await chat.say('mit cpr er 010190-1234 og jeg har mistet mit sundhedskort');
    expect(replies[0]?.text).toMatch(/fjernet et CPR-nummer/);
    expect(replies[1]?.text).toMatch(/[Ss]undhedskort/);
    expect(source.seen.join(' ')).not.toContain('010190');
    expect(source.seen.join(' ')).not.toContain(REDACTION_MARKERS.cpr);
    expect(JSON.stringify(chat.events)).not.toContain('010190');
  });

  it('names every kind of personal data it removed', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => answer('kontakt')));
    const [notice] = await chat.say('ring på 12 34 56 78 eller skriv til jens@example.com');
    expect(notice?.text).toMatch(/en e-mailadresse og et telefonnummer/);
  });

  it('replies to a message of only personal data without classifying it', async () => {
    const source = await stubKnowledgeSource(() => answer('kontakt'));
    const chat = new ConversationHarness(source);
    const replies = await chat.say('0101901234');
    expect(replies).toHaveLength(1);
    expect(source.seen).toHaveLength(0);
  });

  it('answers an over-long message kindly and never classifies it', async () => {
    const source = await stubKnowledgeSource(() => answer('pas.bestil'));
    const chat = new ConversationHarness(source);
    const [reply] = await chat.say('pas '.repeat(600));
    expect(reply?.text).toMatch(/for lang/);
    expect(source.seen).toHaveLength(0);
  });

  it('declines attachments, empty messages and unknown button values politely', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => fallback));
    expect(
      (
        await chat.receive({
          type: 'message',
          attachments: [{ contentType: 'image/png', contentUrl: 'https://x/y.png' }],
        })
      )[0]?.text,
    ).toMatch(/filer eller billeder/);
    expect((await chat.say('   ?! '))[0]?.text).toMatch(/fik ikke nogen tekst/);
    expect((await chat.click({ action: 'delete-everything' }))[0]?.text).toMatch(/knap/);
    expect((await chat.click({ action: 'answer', intent: 'findes.ikke' }))[0]?.text).toMatch(/knap/);
    expect((await chat.click({ action: 'answer', intent: 'pas.bestil', facet: 'price' }))[0]?.text).toMatch(/knap/);
    expect((await chat.click('just a string'))[0]?.text).toMatch(/knap/);
  });
});

describe('language', () => {
  it('answers in English when the classifier finds the message is English', async () => {
    const chat = new ConversationHarness(await stubKnowledgeSource(() => answer('pas.bestil'), 'en'));
    const [reply, feedback] = await chat.say('how do I renew my passport');
    expect(reply?.locale).toBe('en-GB');
    expect(reply?.text).toMatch(/passport/i);
    expect(feedback?.text).toBe('Did this answer help?');
  });
});
