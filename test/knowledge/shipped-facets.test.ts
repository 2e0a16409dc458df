import { municipalityPlaceholders } from '../../knowledge/municipality-facts';
import { fillPlaceholders } from '../../knowledge/placeholders';
import { shippedKnowledge } from '../support/stub-knowledge-source';

/** Topics that are conversation or the emergency numbers: nothing to split into parts. */
const WITHOUT_FACETS = new Set(['agent.handoff', 'hilsen', 'tak.farvel', 'bot.hvem', 'privatliv', 'akut.hjaelp']);

describe('the shipped facets', () => {
  it('split every citizen-service topic into at least two parts', async () => {
    const { intents } = await shippedKnowledge();
    const thin = [...intents.values()]
      .filter((intent) => !WITHOUT_FACETS.has(intent.id) && Object.keys(intent.facets).length < 2)
      .map((intent) => intent.id);
    expect(thin).toEqual([]);
  });

  it('fill for every municipality and language, and keep short sentences', async () => {
    const { intents, municipalities } = await shippedKnowledge();
    const long: string[] = [];
    for (const intent of intents.values())
      for (const [facet, text] of Object.entries(intent.facets))
        for (const language of ['da', 'en'] as const)
          for (const profile of municipalities.values()) {
            const filled = fillPlaceholders(text[language], municipalityPlaceholders(profile, language));
            expect(filled).not.toMatch(/\{\{|\}\}/);
            // The content guide: about 15 words a sentence, none over 25 (a Markdown bullet is a sentence).
            for (const sentence of filled.split(/(?<=[.!?:])\s+|\n+/))
              if (sentence.split(/\s+/).filter(Boolean).length > 25)
                long.push(`${intent.id}/${facet}/${language}: ${sentence}`);
          }
    expect([...new Set(long)]).toEqual([]);
  });

  it('say the same in both languages: no facet in one language only', async () => {
    const { intents } = await shippedKnowledge();
    for (const intent of intents.values())
      for (const text of Object.values(intent.facets)) {
        expect(text.da.trim().length).toBeGreaterThan(0);
        expect(text.en.trim().length).toBeGreaterThan(text.da.trim().length * 0.6);
      }
  });
});
