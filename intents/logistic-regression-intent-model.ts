import { z } from 'zod';
import type { Language } from '../text/language';
import { AnalysedMessage } from './analysed-message';
import { FeatureVocabulary, FeatureVocabularySchema } from './intent-features';
import type { RankedIntent } from './ranked-intent';
import {
  DEFAULT_SOFTMAX_TRAINING,
  SoftmaxParametersSchema,
  SoftmaxRegression,
  type SoftmaxTrainingOptions,
} from './softmax-regression';
import type { TrainingCorpus } from './training-corpus';

const LanguageModelSchema = z.strictObject({
  vocabulary: FeatureVocabularySchema,
  intents: z.array(z.string()),
  parameters: SoftmaxParametersSchema,
});

/** A trained model as plain data (typed arrays included), posted from the training worker. */
export const LogisticRegressionExportSchema = z.strictObject({ da: LanguageModelSchema, en: LanguageModelSchema });
export type LogisticRegressionExport = z.infer<typeof LogisticRegressionExportSchema>;

interface LanguageModel {
  readonly vocabulary: FeatureVocabulary;
  readonly intents: readonly string[];
  readonly regression: SoftmaxRegression;
}

/**
 * The ensemble's discriminative voice: softmax regression over word, word-pair and character
 * n-gram TF-IDF features, one model per language, the None class (out-of-scope sentences) a
 * class like any other. Its probabilities sum to 1 over all intents.
 */
export class LogisticRegressionIntentModel {
  private constructor(private readonly models: Record<Language, LanguageModel>) {}

  static train(
    corpus: TrainingCorpus,
    options: SoftmaxTrainingOptions = DEFAULT_SOFTMAX_TRAINING,
  ): LogisticRegressionIntentModel {
    const train = (language: Language): LanguageModel => {
      const examples = corpus[language];
      const messages = examples.map((e) => AnalysedMessage.of(e.text, language));
      const vocabulary = FeatureVocabulary.fromMessages(messages);
      const intents = [...new Set(examples.map((e) => e.intent))];
      const label = new Map(intents.map((intent, index) => [intent, index]));
      const vectors = examples.map((e, i) => ({
        vector: vocabulary.vectorise(messages[i] as AnalysedMessage),
        label: label.get(e.intent) as number,
      }));
      return {
        vocabulary,
        intents,
        regression: SoftmaxRegression.train(vectors, vocabulary.size, Math.max(intents.length, 1), options),
      };
    };
    return new LogisticRegressionIntentModel({ da: train('da'), en: train('en') });
  }

  static fromExport(exported: LogisticRegressionExport): LogisticRegressionIntentModel {
    const load = (language: Language): LanguageModel => {
      const { vocabulary, intents, parameters } = exported[language];
      return { vocabulary: new FeatureVocabulary(vocabulary), intents, regression: new SoftmaxRegression(parameters) };
    };
    return new LogisticRegressionIntentModel({ da: load('da'), en: load('en') });
  }

  export(): LogisticRegressionExport {
    const data = (language: Language) => {
      const { vocabulary, intents, regression } = this.models[language];
      return { vocabulary: vocabulary.data, intents: [...intents], parameters: regression.parameters };
    };
    return { da: data('da'), en: data('en') };
  }

  /** Every intent with its probability, best first; None included. Empty when the language has no training. */
  rank(text: string, language: Language): RankedIntent[] {
    return this.rankMessage(AnalysedMessage.of(text, language));
  }

  /** As `rank`, for a message the classifier has already analysed for the other voices. */
  rankMessage(message: AnalysedMessage): RankedIntent[] {
    const { vocabulary, intents, regression } = this.models[message.language];
    if (intents.length === 0) return [];
    const probabilities = regression.probabilities(vocabulary.vectorise(message));
    return intents
      .map((intent, index) => ({ intent, score: probabilities[index] as number }))
      .sort((a, b) => b.score - a.score);
  }
}
