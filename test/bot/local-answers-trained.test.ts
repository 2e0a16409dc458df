import type { KnowledgeSource } from '../../bot/dialogue/live-knowledge';
import { GuideSearch } from '../../knowledge/guide-search';
import { ConversationHarness } from '../support/conversation-harness';
import { sharedTrainedClassifier } from '../support/shared-trained-classifier';
import { shippedKnowledge } from '../support/stub-knowledge-source';

/**
 * The shipped demo override in conversation, in the citizen's words and with the trained
 * classifier: Havbakke's own place for bulky waste (municipalities/havbakke.yaml), asked as a follow-up.
 */
describe("the shipped demo override (Havbakke's own place for bulky waste), with the trained classifier", () => {
  let source: KnowledgeSource;
  beforeAll(async () => {
    const knowledge = await shippedKnowledge();
    const { classifier } = await sharedTrainedClassifier();
    source = { knowledge, guides: new GuideSearch(knowledge.guides), classifier };
  }, 180_000);

  async function askWhereBulkyWasteGoes(municipality: string): Promise<string> {
    const citizen = new ConversationHarness(source, { municipality });
    await citizen.join();
    await citizen.say('jeg har en gammel sofa der skal hentes som storskrald');
    expect(citizen.events.at(-1)).toMatchObject({ intent: 'affald.storskrald' });
    const [reply] = await citizen.say('hvor skal jeg aflevere den?');
    expect(citizen.events.at(-1)).toMatchObject({ intent: 'affald.storskrald', facet: 'where' });
    return reply?.text ?? '';
  }

  it('tells a citizen of Havbakke to put it at the property line, and a citizen of Bøgely the shared answer', async () => {
    const shared = source.knowledge.intents.get('affald.storskrald')?.facets.where?.da.split('\n')[0] ?? '';
    const havbakke = await askWhereBulkyWasteGoes('havbakke');
    expect(havbakke).toMatch(/^Vi henter storskrald ved skel\./);
    expect(havbakke).toContain('(https://www.havbakke.example/affald/storskrald)');
    expect(havbakke).not.toContain(shared);
    expect(await askWhereBulkyWasteGoes('boegely')).toContain(shared);
  }, 60_000);
});
