import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LiveKnowledge } from '../../bot/dialogue/live-knowledge';
import { IntentClassifier } from '../../intents/intent-classifier';
import { NlpJsIntentModel } from '../../intents/nlpjs-intent-model';
import { trainInWorker } from '../../intents/train-in-worker';
import type { TrainingCorpus } from '../../intents/training-corpus';
import { KnowledgeBaseError } from '../../knowledge/knowledge-file-error';
import { DEFAULT_KNOWLEDGE_DIRECTORY } from '../../knowledge/load-knowledge-base';
import { COMPILED_TRAINING_WORKER } from '../support/project-paths';
import { sharedTrainedClassifier } from '../support/shared-trained-classifier';

// Written for these tests; none of them is taken from the evaluation files.
const OUT_OF_SCOPE = [
  'hvad bliver vejret i weekenden',
  'kan du anbefale en god pizzeria i byen',
  'hvem vandt superligaen sidste år',
  'asdfghjkl qwerty',
  'skriv et digt om efteråret',
  'what is the capital of australia',
  'hvad er 17 gange 23',
  'du er fandme dum',
  'hvor kan jeg købe billige flybilletter til spanien',
  'hvordan laver man en god lasagne',
];

describe('the trained classifier', () => {
  let classifier: IntentClassifier;
  let corpus: TrainingCorpus;

  beforeAll(async () => {
    ({ classifier, corpus } = await sharedTrainedClassifier());
  }, 180_000);

  it('answers clear Danish questions with the right intent', async () => {
    const cases: [string, string][] = [
      ['jeg har mistet mit pas i sommerferien', 'pas.mistet'],
      ['hvornår bliver min skraldespand tømt', 'affald.toemning'],
      ['hvordan melder jeg flytning', 'flytning.anmeld'],
      ['jeg vil gerne skifte læge', 'laege.skift'],
      ['hvornår har borgerservice åbent', 'aabningstider'],
    ];
    for (const [text, intent] of cases) {
      const result = await classifier.classify(text, 'da');
      expect({ text, decision: result.decision.kind, intent: result.ranked[0]?.intent }).toEqual({
        text,
        decision: 'answer',
        intent,
      });
    }
  });

  it('treats æ/ø/å, ae/oe/aa and dropped letters alike', async () => {
    const spellings = [
      'hvornår bliver skraldespanden tømt',
      'hvornaar bliver skraldespanden toemt',
      'hvornar bliver skraldespanden tomt',
    ];
    for (const text of spellings)
      expect((await classifier.classify(text, 'da')).ranked[0]?.intent).toBe('affald.toemning');
  });

  it('refuses out-of-scope messages instead of answering them from an intent', async () => {
    const answered: string[] = [];
    for (const text of OUT_OF_SCOPE) {
      if ((await classifier.classify(text, 'da')).decision.kind === 'answer') answered.push(text);
    }
    expect(answered.length).toBeLessThanOrEqual(1);
    for (const gibberish of ['asdfghjkl qwerty', 'hvad bliver vejret i weekenden']) {
      expect((await classifier.classify(gibberish, 'da')).decision.kind).toBe('fallback');
    }
  });

  it('switches to English when the citizen clearly writes English, and stays Danish otherwise', async () => {
    const english = await classifier.classify('how do I renew my passport', 'da');
    expect(english.language).toBe('en');
    expect(english.ranked[0]?.intent).toBe('pas.bestil');
    expect((await classifier.classify('pas', 'en')).language).toBe('en');
    expect((await classifier.classify('hvordan fornyer jeg mit pas', 'en')).language).toBe('da');
  });

  it('returns the ranked alternatives with scores, best first', async () => {
    const result = await classifier.classify('kørekort', 'da');
    expect(result.ranked.length).toBeGreaterThan(1);
    const scores = result.ranked.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('exports and imports the NLP.js model without changing its answers', async () => {
    const model = await NlpJsIntentModel.train({ da: corpus.da.slice(0, 400), en: corpus.en.slice(0, 100) });
    const copy = NlpJsIntentModel.fromExport(model.export());
    for (const text of ['nyt pas', 'mistet kørekort', 'hej'])
      expect(await copy.rank(text, 'da')).toEqual(await model.rank(text, 'da'));
  }, 60_000);

  it('retrains in a worker while classification goes on, then swaps the new model in', async () => {
    const small: TrainingCorpus = {
      da: corpus.da.filter((e) => e.intent === 'pas.bestil' || e.intent === 'None'),
      en: corpus.en.filter((e) => e.intent === 'pas.bestil' || e.intent === 'None'),
    };
    let retrainingDone = false;
    const retraining = trainInWorker(small, COMPILED_TRAINING_WORKER).then((trained) => {
      retrainingDone = true;
      return trained;
    });
    // Message handling must not wait for the training.
    const during = await classifier.classify('jeg har mistet mit pas', 'da');
    expect(retrainingDone).toBe(false);
    expect(during.ranked[0]?.intent).toBe('pas.mistet');

    const swapped = new IntentClassifier(await retraining);
    expect((await swapped.classify('jeg har mistet mit pas', 'da')).ranked.map((r) => r.intent)).not.toContain(
      'pas.mistet',
    );
  }, 60_000);
});

describe('live knowledge reload', () => {
  it('keeps answering from the old version when the new files are invalid, and swaps when they are valid', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'knowledge-'));
    try {
      await cp(DEFAULT_KNOWLEDGE_DIRECTORY, directory, { recursive: true });
      const live = await LiveKnowledge.load(directory);
      const before = live.knowledge;

      await writeFile(path.join(directory, 'intents', 'pas.bestil.yaml'), 'id: pas.bestil\ntraining: [', 'utf8');
      await expect(live.reload(COMPILED_TRAINING_WORKER)).rejects.toBeInstanceOf(KnowledgeBaseError);
      expect(live.knowledge).toBe(before);
      expect((await live.classifier.classify('jeg har mistet mit pas', 'da')).ranked[0]?.intent).toBe('pas.mistet');

      const original = await readFile(path.join(DEFAULT_KNOWLEDGE_DIRECTORY, 'intents', 'pas.bestil.yaml'), 'utf8');
      await writeFile(path.join(directory, 'intents', 'pas.bestil.yaml'), original, 'utf8');
      await rm(path.join(directory, 'guides', 'fisketegn.md'));
      await live.reload(COMPILED_TRAINING_WORKER);
      expect(live.knowledge).not.toBe(before);
      expect(live.knowledge.guides.some((g) => g.id === 'fisketegn')).toBe(false);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 120_000);
});
