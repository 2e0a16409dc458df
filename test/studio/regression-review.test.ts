import { checkSentencesOf, REFUSED, reviewRegression } from '../../bot/studio/regression-review';
import type { IntentDecision } from '../../intents/intent-decision';
import type { KnowledgeBase } from '../../knowledge/load-knowledge-base';
import { shippedKnowledge } from '../support/stub-knowledge-source';

/** The shipped knowledge with two intents only, each with the check sentences a test gives. */
async function draftWith(
  checks: Record<string, { da?: string[]; en?: string[] }>,
  outOfScope: { da?: string[]; en?: string[] },
): Promise<KnowledgeBase> {
  const shipped = await shippedKnowledge();
  const intents = new Map(
    ['pas.mistet', 'affald.storskrald'].map((id) => {
      const intent = shipped.intents.get(id);
      if (!intent) throw new Error(`the shipped knowledge has no ${id}`);
      return [id, { ...intent, checks: checks[id] ?? {} }] as const;
    }),
  );
  return { ...shipped, intents, outOfScope: { ...shipped.outOfScope, checks: outOfScope } };
}

/** A classifier that answers by the first pattern the message matches; otherwise a fallback. */
function classifier(rules: [RegExp, IntentDecision][]) {
  return async (text: string) => ({
    decision: rules.find(([pattern]) => pattern.test(text))?.[1] ?? {
      kind: 'fallback' as const,
      reason: 'none-class' as const,
    },
  });
}
const answer = (intent: string): IntentDecision => ({ kind: 'answer', intent, score: 0.9 });

describe('the publish review', () => {
  it("checks the draft's held-out check sentences and the inbox examples, not the training sentences", async () => {
    const draft = await draftWith({}, {});
    const seen: string[] = [];
    const report = await reviewRegression(
      draft,
      [],
      async (text) => {
        seen.push(text);
        return { decision: answer('pas.mistet') };
      },
      async () => ({ decision: answer('pas.mistet') }),
    );
    expect(seen).toEqual([]);
    expect(report).toMatchObject({ better: [], worse: [], unchanged: 0, needsAdmin: false });
  });

  it('shows per sentence what the draft makes better and worse against the published model', async () => {
    const draft = await draftWith(
      {
        'pas.mistet': { da: ['jeg har tabt mit pas'], en: ['i lost my passport'] },
        'affald.storskrald': { da: ['hvornår henter I storskrald'] },
      },
      { da: ['hvad er klokken i new york', 'kan du skrive en sang om min kat'] },
    );
    // The published model knows passports only; the draft's learnt bulky waste, but also answers the clock.
    const published = classifier([[/pas|passport/, answer('pas.mistet')]]);
    const drafted = classifier([
      [/væk/, { kind: 'clarify', intents: ['pas.mistet'], score: 0.5 }],
      [/pas|passport|klokken/, answer('pas.mistet')],
      [/storskrald/, answer('affald.storskrald')],
    ]);
    const report = await reviewRegression(
      draft,
      [{ text: 'mit pas er væk', language: 'da', intent: 'pas.mistet' }],
      published,
      drafted,
    );
    expect(report.better).toEqual([
      {
        message: 'hvornår henter I storskrald',
        language: 'da',
        expected: 'affald.storskrald',
        before: 'fallback',
        after: 'affald.storskrald',
        source: 'check',
      },
    ]);
    expect(report.worse).toEqual([
      {
        message: 'mit pas er væk',
        language: 'da',
        expected: 'pas.mistet',
        before: 'pas.mistet',
        after: 'clarify',
        source: 'inbox',
      },
      // An out-of-scope check the draft starts to answer: worse, though no topic lost a sentence.
      {
        message: 'hvad er klokken i new york',
        language: 'da',
        expected: REFUSED,
        before: 'fallback',
        after: 'pas.mistet',
        source: 'check',
      },
    ]);
    expect(report.unchanged).toBe(3);
    expect(report.tally).toEqual({
      inbox: { cases: 1, rightBefore: 1, rightAfter: 0 },
      check: { cases: 5, rightBefore: 4, rightAfter: 4 },
    });
    // Two worse, one better: more broken than fixed needs an admin.
    expect(report.needsAdmin).toBe(true);
  });

  it('a draft that fixes as much as it breaks needs no admin', async () => {
    const draft = await draftWith(
      { 'affald.storskrald': { da: ['hvornår henter I storskrald'] } },
      { da: ['hvad er klokken i new york'] },
    );
    const report = await reviewRegression(
      draft,
      [],
      classifier([]),
      classifier([[/storskrald|klokken/, answer('affald.storskrald')]]),
    );
    expect([report.better.length, report.worse.length, report.needsAdmin]).toEqual([1, 1, false]);
  });

  it("lists every check sentence of the shipped knowledge: each intent's, and out-of-scope's as refused", async () => {
    const shipped = await shippedKnowledge();
    const inputs = checkSentencesOf(shipped);
    const vielse = shipped.intents.get('vielse')?.checks?.da ?? [];
    expect(vielse.length).toBeGreaterThan(0);
    for (const text of vielse) expect(inputs).toContainEqual({ text, language: 'da', intent: 'vielse' });
    const refused = inputs.filter((input) => input.intent === REFUSED);
    expect(refused.length).toBe(
      (shipped.outOfScope.checks?.da?.length ?? 0) + (shipped.outOfScope.checks?.en?.length ?? 0),
    );
    expect(refused.length).toBeGreaterThan(0);
  });
});
