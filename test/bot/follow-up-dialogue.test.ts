import type { KnowledgeSource } from '../../bot/dialogue/live-knowledge';
import { GuideSearch } from '../../knowledge/guide-search';
import { buttonsOf, cardsOf, ConversationHarness } from '../support/conversation-harness';
import { sharedTrainedClassifier } from '../support/shared-trained-classifier';
import { shippedKnowledge } from '../support/stub-knowledge-source';

/**
 * Conversations with the trained classifier and the shipped answers, in the citizen's words
 * (written for this test, not taken from the evaluation files): follow-ups are read against the
 * topic, facets answer the question asked, and nothing is said twice.
 */
let source: KnowledgeSource;
beforeAll(async () => {
  const knowledge = await shippedKnowledge();
  const { classifier } = await sharedTrainedClassifier();
  source = { knowledge, guides: new GuideSearch(knowledge.guides), classifier };
}, 180_000);

function facetText(intent: string, facet: string, language: 'da' | 'en' = 'da'): string {
  const facets = source.knowledge.intents.get(intent)?.facets as Record<string, { da: string; en: string }> | undefined;
  const text = facets?.[facet]?.[language];
  if (!text) throw new Error(`${intent} has no ${facet} facet`);
  return text.split('\n')[0] ?? '';
}

function chat(options: ConstructorParameters<typeof ConversationHarness>[1] = {}) {
  return new ConversationHarness(source, options);
}

describe('follow-ups in context', () => {
  it('answers price, documents and time for the passport the citizen asked about', async () => {
    const citizen = chat();
    await citizen.join();
    expect((await citizen.say('min søn skal have sit første pas'))[0]?.text).toMatch(/^Du søger om pas/);
    const price = await citizen.say('hvad koster det?');
    expect(price[0]?.text).toContain(facetText('pas.bestil', 'cost'));
    expect(citizen.events.at(-1)).toMatchObject({ intent: 'pas.bestil', facet: 'cost' });
    // The facets not given yet are offered as buttons under the answer.
    const more = cardsOf(price[0])[0];
    expect(more?.title).toBe('Mere om Bestil pas');
    expect(more?.buttons?.map((b) => b.value)).toContainEqual({
      action: 'answer',
      intent: 'pas.bestil',
      facet: 'documents',
    });
    expect((await citizen.say('skal jeg have noget med'))[0]?.text).toContain(facetText('pas.bestil', 'documents'));
    expect((await citizen.say('hvor lang tid tager det'))[0]?.text).toContain(facetText('pas.bestil', 'duration'));
  }, 30_000);

  it('does not repeat an answer just given: it says so and offers the rest', async () => {
    const citizen = chat();
    await citizen.join();
    await citizen.say('jeg skal forny mit pas');
    await citizen.say('hvad koster det');
    const again = await citizen.say('men hvad koster det');
    expect(again).toHaveLength(1);
    expect(again[0]?.text).toBe('Det svarede jeg på lige før. Hvad vil du ellers gerne vide om Bestil pas?');
    const offered = buttonsOf(again[0]).map((b) => b.value);
    expect(offered).not.toContainEqual({ action: 'answer', intent: 'pas.bestil', facet: 'cost' });
    expect(offered).toContainEqual({ action: 'answer', intent: 'pas.bestil', facet: 'documents' });
    expect(offered).toContainEqual({ action: 'handoff' });
  }, 30_000);

  it('switches topic on a clear new question, and takes a correction', async () => {
    const citizen = chat();
    await citizen.join();
    await citizen.say('hvornår bliver min skraldespand tømt');
    expect(citizen.events.at(-1)).toMatchObject({ intent: 'affald.toemning' });
    await citizen.say('nej jeg mener storskrald, en gammel sofa');
    expect(citizen.events.at(-1)).toMatchObject({ intent: 'affald.storskrald', reason: 'correction' });
    await citizen.say('vi har også mistet vores pas');
    expect(citizen.events.at(-1)).toMatchObject({ intent: 'pas.mistet' });
  }, 30_000);

  it('forgets the topic after half an hour', async () => {
    let now = Date.parse('2026-03-02T10:00:00Z');
    const citizen = chat({ now: () => new Date(now) });
    await citizen.join();
    await citizen.say('jeg vil gerne bestille nyt pas');
    now += 31 * 60_000;
    await citizen.say('hvad koster det');
    // Not answered from the old topic. (A fallback's event names its nearest intent, for insight.)
    const last = citizen.events.at(-1);
    expect(last?.event === 'answered' && last.intent === 'pas.bestil').toBe(false);
    expect(last?.facet).toBeUndefined();
  }, 30_000);

  it('asks what the citizen wants to know after a short elliptical question', async () => {
    const citizen = chat();
    await citizen.join();
    await citizen.say('hvordan får jeg et nyt sundhedskort');
    const asked = await citizen.say('og hvad med min mand?');
    expect(asked[0]?.text).toMatch(/^Hvad vil du gerne vide om /);
    expect(buttonsOf(asked[0]).map((b) => b.value)).toContainEqual({ action: 'handoff' });
  }, 30_000);

  it('follows up in English too', async () => {
    const citizen = chat({ locale: 'en-GB' });
    await citizen.join();
    await citizen.say('I just moved to Denmark, how do I get a CPR number?');
    expect(citizen.events.at(-1)).toMatchObject({ intent: 'international.cpr' });
    const docs = await citizen.say('what documents do I need?');
    expect(docs[0]?.text).toContain(facetText('international.cpr', 'documents', 'en'));
  }, 30_000);

  it('answers a facet button with that facet', async () => {
    const citizen = chat();
    await citizen.join();
    const reply = await citizen.click({ action: 'answer', intent: 'pas.bestil', facet: 'where' });
    expect(reply[0]?.text).toContain(facetText('pas.bestil', 'where'));
  }, 30_000);

  it('keeps the crisis lines as the answer to what follows a crisis message', async () => {
    const citizen = chat();
    await citizen.join();
    await citizen.say('jeg har det så dårligt at jeg tænker på at tage mit eget liv');
    expect(citizen.events.at(-1)).toMatchObject({ intent: 'akut.hjaelp' });
    const next = await citizen.say('tankerne kommer hele tiden');
    expect(next[0]?.text).toMatch(/112/);
    expect(next[0]?.text).toContain('70 201 201');
  }, 30_000);

  it('offers a person at once when a worried parent asks something the assistant cannot place', async () => {
    const citizen = chat();
    await citizen.join();
    await citizen.say('jeg er bekymret for et barn i nabolaget, hun bliver slået derhjemme');
    expect(citizen.events.at(-1)).toMatchObject({ intent: 'underretning' });
    const next = await citizen.say('får forældrene at vide at det var mig');
    expect(next[0]?.text).toMatch(/^Det spørgsmål kan en medarbejder svare bedst på/);
    expect(buttonsOf(next[0])[0]?.value).toEqual({ action: 'handoff' });
  }, 30_000);
});
