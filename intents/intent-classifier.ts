import type { Language } from '../text/language';
import { AnalysedMessage } from './analysed-message';
import { CharacterNgramModel } from './character-ngram-model';
import {
  decide,
  DEFAULT_DECISION_POLICY,
  type DecisionPolicy,
  type DecisionSignals,
  type IntentDecision,
} from './intent-decision';
import {
  combineRankings,
  DEFAULT_ENSEMBLE_WEIGHTS,
  type EnsembleVoices,
  type EnsembleWeights,
} from './intent-ensemble';
import { KnownWords } from './known-words';
import { LanguageDetector } from './language-detector';
import { LogisticRegressionIntentModel } from './logistic-regression-intent-model';
import { NlpJsIntentModel } from './nlpjs-intent-model';
import type { RankedIntent } from './ranked-intent';
import { NONE_INTENT, type TrainingCorpus } from './training-corpus';

export interface Classification {
  /** The language the message was classified in (and should be answered in). */
  readonly language: Language;
  readonly decision: IntentDecision;
  /** The best intents with combined scores, best first, for logs, the staff console and evaluation. */
  readonly ranked: readonly RankedIntent[];
  readonly knownWords: number;
  readonly similarity: number;
}

export interface HeardMessage {
  readonly language: Language;
  readonly voices: EnsembleVoices;
  readonly signals: DecisionSignals;
}

/** Everything trained from one corpus. Replaced whole, never piece by piece. */
export interface TrainedClassifier {
  readonly network: NlpJsIntentModel;
  readonly ngrams: CharacterNgramModel;
  readonly logistic: LogisticRegressionIntentModel;
  readonly knownWords: KnownWords;
  readonly languages: LanguageDetector;
}

/** Builds the indexes (a few seconds on a busy machine) around the two trained models. */
export function assembleClassifier(
  network: NlpJsIntentModel,
  logistic: LogisticRegressionIntentModel,
  corpus: TrainingCorpus,
): TrainedClassifier {
  return {
    network,
    logistic,
    ngrams: CharacterNgramModel.fromCorpus(corpus),
    knownWords: KnownWords.fromCorpus(corpus),
    languages: LanguageDetector.fromCorpus(corpus),
  };
}

export interface ClassifierSettings {
  readonly policy?: DecisionPolicy;
  readonly weights?: EnsembleWeights;
}

/**
 * Classifies citizen messages: NLP.js's network, a softmax regression and two character n-gram
 * rankings vote (intent-ensemble.ts), then intent-decision.ts decides between answer, "Mente du …?" and
 * fallback. The trained parts are one reference, replaced whole by `swap`, so a model retrained
 * in a worker goes live between two messages.
 */
export class IntentClassifier {
  private readonly policy: DecisionPolicy;
  private readonly weights: EnsembleWeights;

  constructor(
    private trained: TrainedClassifier,
    settings: ClassifierSettings = {},
  ) {
    this.policy = settings.policy ?? DEFAULT_DECISION_POLICY;
    this.weights = settings.weights ?? DEFAULT_ENSEMBLE_WEIGHTS;
  }

  static async train(corpus: TrainingCorpus, settings?: ClassifierSettings): Promise<IntentClassifier> {
    const network = await NlpJsIntentModel.train(corpus);
    return new IntentClassifier(
      assembleClassifier(network, LogisticRegressionIntentModel.train(corpus), corpus),
      settings,
    );
  }

  /** The trained parts in use, e.g. to export them (trained-classifier-export.ts). */
  get model(): TrainedClassifier {
    return this.trained;
  }

  swap(trained: TrainedClassifier): void {
    this.trained = trained;
  }

  /** Classifies in `language`, or in the other language when the message clearly is written in it. */
  async classify(text: string, language: Language): Promise<Classification> {
    const { language: chosen, voices, signals } = await this.listen(text, language);
    const ranked = combineRankings(voices, this.weights).slice(0, 5);
    return { language: chosen, ranked, ...signals, decision: decide(ranked, signals, this.policy) };
  }

  /** Every voice's ranking and the decision signals, before they are combined (also for tuning the weights). */
  async listen(text: string, language: Language): Promise<HeardMessage> {
    const { network, logistic, ngrams, knownWords, languages } = this.trained;
    const asWritten = AnalysedMessage.of(text, language);
    const chosen = languages.languageOfWords(asWritten.words, language);
    // Folded, split and stemmed once for every voice and signal.
    const message = asWritten.in(chosen);
    const { nearest, centroid } = ngrams.rank(message);
    const voices = {
      network: await network.rankFolded(message.folded, chosen),
      nearest,
      centroid,
      logistic: logistic.rankMessage(message),
    };
    const signals = {
      knownWords: knownWords.coverage(message),
      similarity: nearest.find((r) => r.intent !== NONE_INTENT)?.score ?? 0,
    };
    return { language: chosen, voices, signals };
  }
}
