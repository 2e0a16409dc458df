import type { KnowledgeSource } from '../../bot/dialogue/live-knowledge';
import type { IntentDecision } from '../../intents/intent-decision';
import { GuideSearch } from '../../knowledge/guide-search';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { ConversationHarness } from '../support/conversation-harness';
import { shippedKnowledge, stubKnowledgeSource } from '../support/stub-knowledge-source';
import { withLocalAnswers } from '../support/with-local-answers';

/**
 * Shared answers with local overrides (issue 11) in conversation: citizens of a municipality with
 * its own text get it, in the first answer and in facet follow-ups; everyone else, and every part
 * the municipality does not override, gets the shared answer. With a stub classifier; the shipped
 * demo override with the trained one is in local-answers-trained.test.ts.
 */
const answer = (intent: string): IntentDecision => ({ kind: 'answer', intent, score: 0.9 });

const BOEGELY_ANSWER = {
  da: 'Du søger om pas i Borgerservice på {{municipality.name}}s rådhus. Bestil tid først.',
  en: 'You apply for a passport at Citizen Service (Borgerservice) in the town hall. Book first.',
};
const HAVBAKKE_COST = {
  da: 'Prisen står på borger.dk. I Havbakke betaler du i Borgerservice med kort.',
  en: 'The price is on borger.dk. In Havbakke you pay at Citizen Service (Borgerservice) by card.',
};

/** Bøgely overrides the passport's whole answer, Havbakke only its price. */
async function localSource(): Promise<KnowledgeSource & { knowledge: KnowledgeBase }> {
  const stub = await stubKnowledgeSource((text) =>
    /pas/.test(text) ? answer('pas.bestil') : { kind: 'fallback', reason: 'none-class' },
  );
  const knowledge = withLocalAnswers(stub.knowledge, {
    boegely: { 'pas.bestil': { answer: BOEGELY_ANSWER } },
    havbakke: { 'pas.bestil': { facets: { cost: HAVBAKKE_COST } } },
  });
  return { ...stub, knowledge, guides: new GuideSearch(knowledge.guides) };
}

async function citizenOf(municipality: string, locale = 'da-DK') {
  const chat = new ConversationHarness(await localSource(), { municipality, locale });
  await chat.join();
  return chat;
}

describe('a topic with local overrides, asked in two municipalities', () => {
  it("gives Bøgely's citizens Bøgely's own first answer, filled, and Havbakke's the shared one", async () => {
    const shared = (await shippedKnowledge()).intents.get('pas.bestil')?.answer.da ?? '';
    const boegely = await (await citizenOf('boegely')).say('jeg skal have nyt pas');
    expect(boegely[0]?.text).toMatch(/^Du søger om pas i Borgerservice på Bøgely Kommunes rådhus\. Bestil tid først\./);
    expect(boegely[0]?.text).not.toContain(shared.split('\n')[0] ?? '');
    const havbakke = await (await citizenOf('havbakke')).say('jeg skal have nyt pas');
    expect(havbakke[0]?.text).toContain(shared.split('\n')[0] ?? '');
  });

  it("gives Havbakke's citizens Havbakke's own price as a follow-up, and Bøgely's the shared price", async () => {
    const sharedCost = (await shippedKnowledge()).intents.get('pas.bestil')?.facets.cost?.da ?? '';
    const havbakke = await citizenOf('havbakke');
    await havbakke.say('jeg skal have nyt pas');
    const local = await havbakke.say('hvad koster et pas?');
    expect(havbakke.events.at(-1)).toMatchObject({ intent: 'pas.bestil', facet: 'cost', municipalityId: 'havbakke' });
    expect(local[0]?.text).toMatch(/^Prisen står på borger\.dk\. I Havbakke betaler du i Borgerservice med kort\./);

    const boegely = await citizenOf('boegely');
    await boegely.say('jeg skal have nyt pas');
    const shared = await boegely.say('hvad koster et pas?');
    expect(boegely.events.at(-1)).toMatchObject({ intent: 'pas.bestil', facet: 'cost', municipalityId: 'boegely' });
    expect(shared[0]?.text).toContain(sharedCost.split('\n')[0] ?? '');
  });

  it('gives the local price from the facet button too, in English, with the links after it', async () => {
    const havbakke = await citizenOf('havbakke', 'en-GB');
    const [reply] = await havbakke.click({ action: 'answer', intent: 'pas.bestil', facet: 'cost' });
    expect(reply?.text).toMatch(/^The price is on borger\.dk\. In Havbakke you pay at Citizen Service/);
    expect(reply?.text).toContain('➜ [');
  });

  it("answers a part the topic has no facet for with the municipality's own whole answer", async () => {
    const boegely = await citizenOf('boegely');
    const [reply] = await boegely.click({ action: 'answer', intent: 'pas.bestil', facet: 'deadline' });
    expect(reply?.text).toContain('Du søger om pas i Borgerservice på Bøgely Kommunes rådhus.');
  });

  it('leaves the facets it does not override shared: Bøgely overrides only the whole answer', async () => {
    const sharedDocuments = (await shippedKnowledge()).intents.get('pas.bestil')?.facets.documents?.da ?? '';
    const boegely = await citizenOf('boegely');
    const [reply] = await boegely.click({ action: 'answer', intent: 'pas.bestil', facet: 'documents' });
    expect(reply?.text).toContain(sharedDocuments.split('\n')[0] ?? '');
  });
});
