import { containerBootstrap } from '@nlpjs/core';
import { LangDa } from '@nlpjs/lang-da';
import { LangEn } from '@nlpjs/lang-en';
import { Nlp } from '@nlpjs/nlp';
import type { Language } from '../text/language';
import { foldDanishSpelling } from '../text/text-normalizer';
import { messageMemoryOf, type NlpJsMessageMemory } from './nlpjs-message-memory';
import { indexSpellCheck, spellChecksOf } from './nlpjs-spell-check';
import type { RankedIntent } from './ranked-intent';
import type { TrainingCorpus } from './training-corpus';

/**
 * The NLP.js neural classifier (one of the ensemble's three voices, see intent-ensemble.ts).
 * An NLP.js neural classifier for Danish and English. Every instance has its own container
 * (never NLP.js's shared `dock`), so a model trained elsewhere can be imported into a fresh
 * instance and swapped in while the old one keeps answering.
 */
export class NlpJsIntentModel {
  private readonly memory: NlpJsMessageMemory;

  private constructor(private readonly nlp: Nlp) {
    // Same corrections, looked up instead of searched for (nlpjs-spell-check.ts).
    spellChecksOf(nlp).forEach(indexSpellCheck);
    this.memory = messageMemoryOf(nlp, LANGUAGES);
  }

  static async train(corpus: TrainingCorpus): Promise<NlpJsIntentModel> {
    const nlp = createNlp();
    for (const language of ['da', 'en'] as const) {
      for (const example of corpus[language])
        nlp.addDocument(language, foldDanishSpelling(example.text), example.intent);
    }
    await nlp.train();
    return new NlpJsIntentModel(nlp);
  }

  static fromExport(exported: string): NlpJsIntentModel {
    const nlp = createNlp();
    nlp.import(exported);
    return new NlpJsIntentModel(nlp);
  }

  export(): string {
    return this.nlp.export(true);
  }

  /**
   * Every intent with its score, best first; None included. Reads `classifications`, not
   * `intent`: below its threshold NLP.js reports None with score 1 and hides the ranking.
   */
  async rank(text: string, language: Language): Promise<RankedIntent[]> {
    return this.rankFolded(foldDanishSpelling(text), language);
  }

  /** As `rank`, for text already folded by foldDanishSpelling (folding twice is not always a no-op). */
  async rankFolded(folded: string, language: Language): Promise<RankedIntent[]> {
    let result;
    try {
      result = await this.nlp.process(language, folded);
    } finally {
      // NLP.js would keep the message's text and words (nlpjs-message-memory.ts); they must not outlive the turn.
      this.memory.forgetMessages();
    }
    return [...result.classifications]
      .sort((a, b) => b.score - a.score)
      .map(({ intent, score }) => ({ intent, score }));
  }
}

const LANGUAGES = ['da', 'en'] as const;

const SILENT_LOGGER = { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error() {}, fatal() {} };

function createNlp(): Nlp {
  const container = containerBootstrap();
  // NLP.js logs to the console by default (e.g. training sentences made only of punctuation,
  // which out-of-scope.yaml has on purpose). This container stays quiet.
  container.register('logger', SILENT_LOGGER, true);
  container.use(LangDa);
  container.use(LangEn);
  return new Nlp({
    container,
    languages: [...LANGUAGES],
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
    threshold: 0, // the decision is ours (intent-decision.ts), made on the full ranking
    nlu: { log: false, spellCheck: true, useNoneFeature: false },
  });
}
