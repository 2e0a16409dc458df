import type { KnowledgeSource } from '../../bot/dialogue/live-knowledge';
import { GuideSearch } from '../../knowledge/guide-search';
import { buttonsOf, cardsOf, ConversationHarness } from '../support/conversation-harness';
import { sharedTrainedClassifier } from '../support/shared-trained-classifier';
import { shippedKnowledge } from '../support/stub-knowledge-source';

/**
 * Fallbacks with the trained classifier and the shipped guides, in citizens' words written for this
 * test (not taken from the evaluation files): no unrelated guide, no "Mente du …?" to an insult,
 * always a way to a person.
 */
let source: KnowledgeSource;
beforeAll(async () => {
  const knowledge = await shippedKnowledge();
  const { classifier } = await sharedTrainedClassifier();
  source = { knowledge, guides: new GuideSearch(knowledge.guides), classifier };
}, 180_000);

async function firstReply(text: string, locale = 'da-DK') {
  const chat = new ConversationHarness(source, { locale });
  const [reply] = await chat.say(text);
  return { reply, events: chat.events };
}

describe('fallbacks with the trained classifier', () => {
  it.each([
    ['hvordan bliver vejret i weekenden', 'da-DK'],
    ['hvem vandt superligaen sidste år', 'da-DK'],
    ['giv mig en opskrift på æblekage', 'da-DK'],
    ['what is the capital of Australia', 'en-GB'],
  ])('off-topic "%s" gets no guide card, no "Mente du …?" and the way to a person', async (text, locale) => {
    const { reply, events } = await firstReply(text, locale);
    expect(events[0]?.event).toBe('fallback');
    expect(cardsOf(reply)).toEqual([]);
    expect(reply?.text).not.toMatch(/Mente du|Did you mean/);
    expect(buttonsOf(reply).map((b) => b.value)).toContainEqual({ action: 'handoff' });
  });

  it.each([
    ['du er en idiot', 'da-DK', /frustreret/],
    ['sikke noget lort', 'da-DK', /frustreret/],
    ['du forstår jo ingenting', 'da-DK', /frustreret/],
    ['this bot is useless', 'en-GB', /frustrated/],
  ])('"%s" gets a calm reply and a person', async (text, locale, calm) => {
    const { reply, events } = await firstReply(text, locale);
    expect(reply?.text).toMatch(calm);
    expect(buttonsOf(reply).map((b) => b.value)).toEqual([{ action: 'handoff' }]);
    expect(events[0]).toEqual(expect.objectContaining({ event: 'handoff-offered' }));
  });

  it('shows the fishing licence guide, a topic no intent covers', async () => {
    const { reply } = await firstReply('hvor køber jeg et fisketegn');
    expect(cardsOf(reply)[0]?.title).toMatch(/^Fisketegn/);
  });
});
