import { loadKnowledgeBase } from '../../knowledge/load-knowledge-base';
import { NONE_INTENT, trainingCorpusFrom } from '../../intents/training-corpus';

describe('the training corpus', () => {
  it('holds every training sentence and never a check sentence', async () => {
    const shipped = await loadKnowledgeBase();
    const rotter = shipped.intents.get('rotter');
    if (!rotter) throw new Error('the shipped knowledge base has no rotter intent');
    const intents = new Map(shipped.intents);
    intents.set('rotter', {
      ...rotter,
      checks: {
        da: ['der er en rotte under min terrasse, hvem ringer jeg til'],
        en: ['rat in my garden what do i do'],
      },
    });
    const knowledge = {
      ...shipped,
      intents,
      outOfScope: { ...shipped.outOfScope, checks: { da: ['hvem vinder superligaen i aar'] } },
    };

    const corpus = trainingCorpusFrom(knowledge);
    const texts = [...corpus.da, ...corpus.en].map((example) => example.text);
    expect(texts).not.toContain('der er en rotte under min terrasse, hvem ringer jeg til');
    expect(texts).not.toContain('rat in my garden what do i do');
    expect(texts).not.toContain('hvem vinder superligaen i aar');
    expect(corpus.da.filter((e) => e.intent === 'rotter').map((e) => e.text)).toEqual(rotter.training.da);
    expect(corpus.da.filter((e) => e.intent === NONE_INTENT).map((e) => e.text)).toEqual(
      shipped.outOfScope.training.da,
    );
    // The shipped check set is held out too.
    const shippedTexts = new Set(
      [...trainingCorpusFrom(shipped).da, ...trainingCorpusFrom(shipped).en].map((e) => e.text),
    );
    const shippedChecks = [...shipped.intents.values(), shipped.outOfScope].flatMap((part) => [
      ...(part.checks?.da ?? []),
      ...(part.checks?.en ?? []),
    ]);
    expect(shippedChecks.filter((sentence) => shippedTexts.has(sentence))).toEqual([]);
  });
});
