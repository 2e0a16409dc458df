import { IntentClassifier } from '../../intents/intent-classifier';
import { NlpJsIntentModel } from '../../intents/nlpjs-intent-model';
import type { TrainingCorpus } from '../../intents/training-corpus';

const CORPUS: TrainingCorpus = {
  da: [
    { text: 'jeg vil bestille et pas', intent: 'pas.bestil' },
    { text: 'hvordan fornyer jeg mit pas', intent: 'pas.bestil' },
    { text: 'jeg har mistet mit sygesikringskort', intent: 'sygesikring.mistet' },
    { text: 'nyt gult kort', intent: 'sygesikring.mistet' },
    { text: 'hvad er klokken', intent: 'None' },
  ],
  en: [
    { text: 'i want a new passport', intent: 'pas.bestil' },
    { text: 'lost my health card', intent: 'sygesikring.mistet' },
  ],
};

/** Every string reachable from `root`, as a value or a key: where a kept message would be found. */
function reachableStrings(root: unknown): Set<string> {
  const found = new Set<string>();
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') found.add(value);
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Map) value.forEach((v: unknown, k: unknown) => stack.push(k, v));
    else if (value instanceof Set) value.forEach((v: unknown) => stack.push(v));
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'string') found.add(key);
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) stack.push(descriptor.value);
    }
  }
  return found;
}

const mentions = (root: unknown, word: string) => [...reachableStrings(root)].some((s) => s.includes(word));

describe('NlpJsIntentModel keeps no message after ranking it', () => {
  let model: NlpJsIntentModel;
  beforeAll(async () => {
    model = await NlpJsIntentModel.train(CORPUS);
  });

  it('finds a message NLP.js keeps on its own (the check can see it)', async () => {
    const nlp: unknown = Reflect.get(model, 'nlp');
    const process: unknown = typeof nlp === 'object' && nlp !== null ? Reflect.get(nlp, 'process') : undefined;
    if (typeof process !== 'function') throw new Error('no nlp.process');
    await Reflect.apply(process, nlp, ['da', 'min nabo xyzzymarkus har mistet sit pas']);
    expect(mentions(model, 'xyzzymarkus')).toBe(true);
  });

  it('holds neither the text nor its words once rank has answered, in either language', async () => {
    await model.rank('min nabo qwertyhansen har mistet sit pas', 'da');
    await model.rank('my neighbour zxcvbjones lost his passport', 'en');
    for (const word of ['xyzzymarkus', 'qwertyhansen', 'zxcvbjones']) expect(mentions(model, word)).toBe(false);
  });

  it('ranks the same message the same way the second time', async () => {
    const first = await model.rank('jeg har mistet mit gule kort', 'da');
    const second = await model.rank('jeg har mistet mit gule kort', 'da');
    expect(second).toEqual(first);
    expect(first[0]?.intent).toBe('sygesikring.mistet');
  });

  it('forgets messages ranked at the same time', async () => {
    await Promise.all([
      model.rank('asdfgpetersen vil bestille pas', 'da'),
      model.rank('ghjklolsen mistede kortet', 'da'),
    ]);
    expect(mentions(model, 'asdfgpetersen')).toBe(false);
    expect(mentions(model, 'ghjklolsen')).toBe(false);
  });
});

describe('IntentClassifier keeps no message after classifying it', () => {
  it('holds neither the text nor its words in any of its parts', async () => {
    const classifier = await IntentClassifier.train(CORPUS);
    await classifier.classify('min nabo poiuyfrederiksen har mistet sit pas', 'da');
    await classifier.classify('my neighbour lkjhgwilliams lost his passport', 'en');
    expect(mentions(classifier, 'poiuyfrederiksen')).toBe(false);
    expect(mentions(classifier, 'lkjhgwilliams')).toBe(false);
  });
});
