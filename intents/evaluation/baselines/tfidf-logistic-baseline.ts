import type { Language } from '../../../text/language';
import type { IntentDecision } from '../../intent-decision';
import type { RankedIntent } from '../../ranked-intent';
import { DEFAULT_SOFTMAX_TRAINING, SoftmaxRegression, type SparseVector } from '../../softmax-regression';
import { NONE_INTENT, type TrainingCorpus } from '../../training-corpus';
import type { MessageClassifier } from '../evaluate';

/** scikit-learn's default tokens: lower case, runs of two or more word characters. */
function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
}

interface LanguageModel {
  readonly columns: Map<string, number>;
  readonly idf: number[];
  readonly intents: string[];
  readonly regression: SoftmaxRegression;
}

/**
 * Baseline (a): what an off-the-shelf text classifier makes of our knowledge base without any
 * tuning. Word TF-IDF as scikit-learn's TfidfVectorizer does it by default (raw counts, smooth IDF,
 * L2 norm, no spelling folding, no stemming) and a softmax regression with the usual default
 * regularisation (C = 1, i.e. an L2 penalty of 1/n per example). It answers its top intent
 * unless that is None: no thresholds, no "Mente du …?".
 */
export class TfidfLogisticBaseline implements MessageClassifier {
  private constructor(private readonly models: Record<Language, LanguageModel>) {}

  static train(corpus: TrainingCorpus): TfidfLogisticBaseline {
    const train = (language: Language): LanguageModel => {
      const examples = corpus[language];
      const documentFrequency = new Map<string, number>();
      for (const e of examples) {
        for (const token of new Set(tokens(e.text)))
          documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
      }
      const columns = new Map([...documentFrequency.keys()].map((token, column) => [token, column]));
      const idf = [...documentFrequency.values()].map((df) => Math.log((1 + examples.length) / (1 + df)) + 1);
      const intents = [...new Set(examples.map((e) => e.intent))];
      const label = new Map(intents.map((intent, index) => [intent, index]));
      const vectors = examples.map((e) => ({
        vector: vectorise(e.text, columns, idf),
        label: label.get(e.intent) as number,
      }));
      const options = { ...DEFAULT_SOFTMAX_TRAINING, l2: 1 / Math.max(examples.length, 1) };
      return {
        columns,
        idf,
        intents,
        regression: SoftmaxRegression.train(vectors, columns.size, Math.max(intents.length, 1), options),
      };
    };
    return new TfidfLogisticBaseline({ da: train('da'), en: train('en') });
  }

  async classify(text: string, language: Language): Promise<{ decision: IntentDecision; ranked: RankedIntent[] }> {
    const { columns, idf, intents, regression } = this.models[language];
    const probabilities = regression.probabilities(vectorise(text, columns, idf));
    const ranked = intents
      .map((intent, i) => ({ intent, score: probabilities[i] as number }))
      .sort((a, b) => b.score - a.score);
    const best = ranked[0];
    const decision: IntentDecision =
      !best || best.intent === NONE_INTENT
        ? { kind: 'fallback', reason: 'none-class' }
        : { kind: 'answer', intent: best.intent, score: best.score };
    return { decision, ranked };
  }
}

function vectorise(text: string, columns: Map<string, number>, idf: readonly number[]): SparseVector {
  const counts = new Map<number, number>();
  for (const token of tokens(text)) {
    const column = columns.get(token);
    if (column !== undefined) counts.set(column, (counts.get(column) ?? 0) + 1);
  }
  const indices = [...counts.keys()];
  const values = indices.map((column) => (counts.get(column) as number) * (idf[column] as number));
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  return { indices, values: values.map((v) => v / norm) };
}
