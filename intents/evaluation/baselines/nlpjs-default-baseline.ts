import { containerBootstrap } from '@nlpjs/core';
import { LangDa } from '@nlpjs/lang-da';
import { LangEn } from '@nlpjs/lang-en';
import { Nlp } from '@nlpjs/nlp';
import type { Language } from '../../../text/language';
import type { IntentDecision } from '../../intent-decision';
import type { RankedIntent } from '../../ranked-intent';
import { NONE_INTENT, type TrainingCorpus } from '../../training-corpus';
import type { MessageClassifier } from '../evaluate';

const SILENT_LOGGER = { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error() {}, fatal() {} };

/**
 * Baseline (b): NLP.js as its README sets it up (@nlpjs/basic's NLU: the Danish and English
 * packages, default settings, its 0.5 threshold and None feature), trained on the same sentences,
 * the out-of-scope ones as the None intent. It answers whatever NLP.js returns unless that is None.
 * Only logging is changed, to keep the report readable.
 */
export class NlpJsDefaultBaseline implements MessageClassifier {
  private constructor(private readonly nlp: Nlp) {}

  static async train(corpus: TrainingCorpus): Promise<NlpJsDefaultBaseline> {
    const container = containerBootstrap();
    container.register('logger', SILENT_LOGGER, true);
    container.use(LangDa);
    container.use(LangEn);
    // log: false only silences its per-epoch console output, which would break --json.
    const nlp = new Nlp({ container, languages: ['da', 'en'], autoSave: false, autoLoad: false, nlu: { log: false } });
    for (const language of ['da', 'en'] as const)
      for (const e of corpus[language]) nlp.addDocument(language, e.text, e.intent);
    await nlp.train();
    return new NlpJsDefaultBaseline(nlp);
  }

  async classify(text: string, language: Language): Promise<{ decision: IntentDecision; ranked: RankedIntent[] }> {
    const result = await this.nlp.process(language, text);
    const ranked = [...result.classifications]
      .sort((a, b) => b.score - a.score)
      .map(({ intent, score }) => ({ intent, score }));
    if (result.intent === NONE_INTENT) return { decision: { kind: 'fallback', reason: 'none-class' }, ranked };
    // What it answers comes first, even when its classifications rank another intent higher.
    const answered = { intent: result.intent, score: result.score };
    return {
      decision: { kind: 'answer', ...answered },
      ranked: [answered, ...ranked.filter((r) => r.intent !== result.intent)],
    };
  }
}
