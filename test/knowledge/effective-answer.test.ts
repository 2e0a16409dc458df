import { ANSWER_FACETS } from '../../knowledge/answer-facet';
import { answersByMunicipality, answerTemplate, effectiveAnswer } from '../../knowledge/effective-answer';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { localOverridesOf } from '../../knowledge/local-overrides-of';
import { LANGUAGES } from '../../text/language';
import { shippedKnowledge } from '../support/stub-knowledge-source';
import { withLocalAnswers } from '../support/with-local-answers';

/** What a citizen of each municipality gets: the shared answer, or the municipality's own. */
let shipped: KnowledgeBase;
beforeAll(async () => {
  shipped = await shippedKnowledge();
});

const BULKY = 'affald.storskrald';

describe('effectiveAnswer on the shipped knowledge base (Havbakke has its own "where" for bulky waste)', () => {
  it("gives Havbakke's citizens Havbakke's own facet, with Havbakke's facts filled in", () => {
    const answer = effectiveAnswer(shipped, BULKY, 'havbakke', 'da', 'where');
    expect(answer?.source).toBe('local');
    expect(answer?.text).toMatch(/^Vi henter storskrald ved skel\./);
    expect(answer?.text).toContain('(https://www.havbakke.example/affald/storskrald)');
    expect(answer?.text).not.toContain('{{');
  });

  it('gives the English override to English-speaking citizens of Havbakke', () => {
    const answer = effectiveAnswer(shipped, BULKY, 'havbakke', 'en', 'where');
    expect(answer).toMatchObject({ source: 'local' });
    expect(answer?.text).toMatch(/^We collect bulky waste at the edge of your property \(skel\)/);
  });

  it("gives Bøgely's citizens the shared facet, which Havbakke's citizens do not get", () => {
    const boegely = effectiveAnswer(shipped, BULKY, 'boegely', 'da', 'where');
    const shared = shipped.intents.get(BULKY)?.facets.where?.da;
    expect(boegely).toEqual({ source: 'shared', text: shared });
    expect(effectiveAnswer(shipped, BULKY, 'havbakke', 'da', 'where')?.text).not.toBe(boegely?.text);
  });

  it('gives Havbakke the shared answer for what it does not override: the whole answer and other facets', () => {
    const intent = shipped.intents.get(BULKY);
    expect(effectiveAnswer(shipped, BULKY, 'havbakke', 'da')).toEqual({ source: 'shared', text: intent?.answer.da });
    expect(effectiveAnswer(shipped, BULKY, 'havbakke', 'da', 'cost')?.source).toBe('shared');
    expect(effectiveAnswer(shipped, 'pas.bestil', 'havbakke', 'da', 'cost')?.source).toBe('shared');
  });

  it("fills the shared answer's placeholders with each municipality's own facts", () => {
    const steps = (municipality: string) => effectiveAnswer(shipped, BULKY, municipality, 'da', 'steps')?.text;
    expect(steps('boegely')).toContain('+45 10 20 30 40');
    expect(steps('havbakke')).toContain('+45 10 20 30 50');
  });

  it('leaves placeholders in the template, for a caller that fills them itself', () => {
    expect(answerTemplate(shipped, BULKY, 'havbakke', 'da', 'where')?.text).toContain('{{links.bulkyWaste}}');
  });

  it('has nothing for a facet the topic does not have', () => {
    expect(effectiveAnswer(shipped, 'pas.bestil', 'havbakke', 'da', 'deadline')).toBeUndefined();
  });

  it('fills every answer and facet, shared or local, for every municipality in both languages', () => {
    let filled = 0;
    for (const intent of shipped.intents.values())
      for (const municipality of shipped.municipalities.keys())
        for (const language of LANGUAGES)
          for (const facet of [undefined, ...ANSWER_FACETS]) {
            const answer = effectiveAnswer(shipped, intent.id, municipality, language, facet);
            if (!answer) continue;
            expect(answer.text).not.toMatch(/\{\{|\}\}/);
            filled += 1;
          }
    expect(filled).toBeGreaterThan(500);
  });

  it('throws for a topic or municipality that does not exist', () => {
    expect(() => effectiveAnswer(shipped, 'pas.bestill', 'havbakke', 'da')).toThrow('no intent "pas.bestill"');
    expect(() => effectiveAnswer(shipped, 'pas.bestil', 'hvidby', 'da')).toThrow('no municipality "hvidby"');
  });
});

describe('effectiveAnswer with a whole answer overridden', () => {
  const own = { da: 'Du søger om pas på {{municipality.name}}s rådhus.', en: 'You apply at the town hall.' };

  it('gives the local answer, filled, and keeps the shared facets', () => {
    const knowledge = withLocalAnswers(shipped, { boegely: { 'pas.bestil': { answer: own } } });
    expect(effectiveAnswer(knowledge, 'pas.bestil', 'boegely', 'da')).toEqual({
      source: 'local',
      text: 'Du søger om pas på Bøgely Kommunes rådhus.',
    });
    expect(effectiveAnswer(knowledge, 'pas.bestil', 'boegely', 'da', 'cost')?.source).toBe('shared');
    expect(effectiveAnswer(knowledge, 'pas.bestil', 'havbakke', 'da').source).toBe('shared');
  });
});

describe('localOverridesOf', () => {
  it('lists Havbakke and its "where" facet for bulky waste in the shipped knowledge base', () => {
    expect(localOverridesOf(shipped, BULKY)).toEqual([
      { municipalityId: 'havbakke', municipalityName: 'Havbakke Kommune', parts: ['where'] },
    ]);
  });

  it('is empty for a topic every municipality answers with the shared answer', () => {
    expect(localOverridesOf(shipped, 'pas.bestil')).toEqual([]);
  });

  it('lists every municipality that overrides, by id, the whole answer before facets in catalog order', () => {
    const text = { da: 'Lokalt svar.', en: 'Local answer.' };
    const knowledge = withLocalAnswers(shipped, {
      havbakke: { 'pas.bestil': { facets: { duration: text, cost: text } } },
      boegely: { 'pas.bestil': { facets: { where: text }, answer: text } },
    });
    expect(localOverridesOf(knowledge, 'pas.bestil')).toEqual([
      { municipalityId: 'boegely', municipalityName: 'Bøgely Kommune', parts: ['answer', 'where'] },
      { municipalityId: 'havbakke', municipalityName: 'Havbakke Kommune', parts: ['cost', 'duration'] },
    ]);
  });
});

describe('answersByMunicipality', () => {
  it('shows what the citizens of each municipality read, side by side, and where it came from', () => {
    const side = answersByMunicipality(shipped, BULKY, 'da', 'where');
    expect(
      side.map(({ municipalityId, municipalityName, source }) => ({ municipalityId, municipalityName, source })),
    ).toEqual([
      { municipalityId: 'boegely', municipalityName: 'Bøgely Kommune', source: 'shared' },
      { municipalityId: 'havbakke', municipalityName: 'Havbakke Kommune', source: 'local' },
    ]);
    expect(side[1]?.text).toBe(effectiveAnswer(shipped, BULKY, 'havbakke', 'da', 'where')?.text);
  });

  it('is empty for a facet the topic does not have', () => {
    expect(answersByMunicipality(shipped, 'pas.bestil', 'da', 'deadline')).toEqual([]);
  });
});
