import { LogisticRegressionIntentModel } from '../../intents/logistic-regression-intent-model';
import type { TrainingCorpus } from '../../intents/training-corpus';

// A toy corpus written for this test: two topics and an out-of-scope class, in both languages.
const CORPUS: TrainingCorpus = {
  da: [
    { text: 'jeg har mistet mit pas', intent: 'pas' },
    { text: 'mit pas er væk', intent: 'pas' },
    { text: 'nyt pas hurtigt', intent: 'pas' },
    { text: 'hvornår bliver skraldespanden tømt', intent: 'affald' },
    { text: 'skraldet er ikke hentet', intent: 'affald' },
    { text: 'tømning af affald', intent: 'affald' },
    { text: 'hvad bliver vejret i morgen', intent: 'None' },
    { text: 'fortæl en vittighed', intent: 'None' },
  ],
  en: [
    { text: 'I lost my passport', intent: 'pas' },
    { text: 'when is my bin emptied', intent: 'affald' },
    { text: 'tell me a joke', intent: 'None' },
  ],
};

const OPTIONS = { epochs: 30, learningRate: 1, learningRateDecay: 0.1, l2: 1e-5, seed: 3 };

describe('LogisticRegressionIntentModel', () => {
  const model = LogisticRegressionIntentModel.train(CORPUS, OPTIONS);

  it('ranks the right intent first, also for inflections and folded spellings', () => {
    expect(model.rank('pas mistet', 'da')[0]?.intent).toBe('pas');
    expect(model.rank('skraldespanden er ikke toemt', 'da')[0]?.intent).toBe('affald');
    expect(model.rank('my passport is lost', 'en')[0]?.intent).toBe('pas');
  });

  it('ranks every intent with probabilities that sum to 1, best first', () => {
    const ranked = model.rank('pas', 'da');
    expect(ranked.map((r) => r.intent).sort()).toEqual(['None', 'affald', 'pas']);
    expect(ranked.reduce((sum, r) => sum + r.score, 0)).toBeCloseTo(1, 10);
    expect([...ranked].sort((a, b) => b.score - a.score)).toEqual(ranked);
  });

  it('handles empty and entirely unknown messages', () => {
    for (const text of ['', '   ', '?!', 'xyzzy qwop']) {
      const ranked = model.rank(text, 'da');
      expect(ranked).toHaveLength(3);
      expect(ranked.every((r) => Number.isFinite(r.score))).toBe(true);
    }
  });

  it('gives the same ranking after export and import', () => {
    const copy = LogisticRegressionIntentModel.fromExport(model.export());
    expect(copy.rank('mistet pas', 'da')).toEqual(model.rank('mistet pas', 'da'));
  });

  it('ranks a message the same however often its words were seen (the vocabulary remembers words)', () => {
    const texts = ['mistet passet igen', 'skraldespandene blev ikke tømt', 'xyzzy pas pas', 'passport lost lost'];
    const fresh = () => LogisticRegressionIntentModel.fromExport(model.export());
    const firstSight = texts.map((text) => fresh().rank(text, 'da'));
    const seen = fresh();
    for (let round = 0; round < 3; round += 1) {
      expect(texts.map((text) => seen.rank(text, 'da'))).toEqual(firstSight);
    }
  });

  it('is deterministic for a seed', () => {
    const again = LogisticRegressionIntentModel.train(CORPUS, OPTIONS);
    expect(again.rank('skrald', 'da')).toEqual(model.rank('skrald', 'da'));
  });

  it('ranks nothing in a language without training sentences', () => {
    const danishOnly = LogisticRegressionIntentModel.train({ da: CORPUS.da, en: [] }, OPTIONS);
    expect(danishOnly.rank('lost passport', 'en')).toEqual([]);
  });
});
