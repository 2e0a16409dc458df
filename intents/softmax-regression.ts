import { z } from 'zod';

/** A sparse input: the indices of its non-zero features and their values. */
export interface SparseVector {
  readonly indices: readonly number[];
  readonly values: readonly number[];
}

export interface LabelledVector {
  readonly vector: SparseVector;
  readonly label: number;
}

export const SoftmaxTrainingOptionsSchema = z.strictObject({
  epochs: z.number().int().min(1),
  /** Step size of the first epoch; it shrinks as 1 / (1 + decay × epoch). */
  learningRate: z.number().positive(),
  learningRateDecay: z.number().min(0),
  /** L2 penalty per training example (weight decay), against over-confident rare features. */
  l2: z.number().min(0),
  /** Seeds the order in which each epoch visits the examples: equal seeds give equal models. */
  seed: z.number().int(),
});
export type SoftmaxTrainingOptions = z.infer<typeof SoftmaxTrainingOptionsSchema>;

export const DEFAULT_SOFTMAX_TRAINING: SoftmaxTrainingOptions = {
  epochs: 10,
  learningRate: 2,
  learningRateDecay: 0.1,
  l2: 1e-5,
  seed: 1,
};

/**
 * A typed array of the given kind, checked by its tag rather than `instanceof`: arrays posted from a
 * worker thread may come from another realm (jest runs tests in one), where instanceof says no.
 */
const typedArray = <T>(tag: string) =>
  z.custom<T>(
    (value) => ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === `[object ${tag}]`,
    `expected a ${tag}`,
  );

/** The trained parameters as plain data, so they can cross from a training worker to the main thread. */
export const SoftmaxParametersSchema = z.strictObject({
  featureCount: z.number().int().min(0),
  classCount: z.number().int().min(1),
  /** Row per feature, column per class: weights[feature × classCount + class]. */
  weights: typedArray<Float32Array>('Float32Array'),
  bias: typedArray<Float64Array>('Float64Array'),
});
export type SoftmaxParameters = z.infer<typeof SoftmaxParametersSchema>;

/**
 * Multinomial logistic regression (softmax regression) over sparse features, trained by
 * stochastic gradient descent on the cross-entropy with an L2 penalty. Unlike the n-gram
 * similarities it learns which features tell two neighbouring intents apart, and which are noise.
 */
export class SoftmaxRegression {
  constructor(readonly parameters: SoftmaxParameters) {}

  static train(
    examples: readonly LabelledVector[],
    featureCount: number,
    classCount: number,
    options: SoftmaxTrainingOptions = DEFAULT_SOFTMAX_TRAINING,
  ): SoftmaxRegression {
    const weights = new Float32Array(featureCount * classCount);
    const bias = new Float64Array(classCount);
    const gradient = new Float64Array(classCount);
    const random = seededRandom(options.seed);
    const order = examples.map((_, index) => index);
    // Weight decay shrinks every weight each step. Instead of touching all of them, the true weights
    // are kept as `scale × weights` and only the few rows of the example's features are updated.
    let scale = 1;
    for (let epoch = 0; epoch < options.epochs; epoch += 1) {
      shuffle(order, random);
      const rate = options.learningRate / (1 + options.learningRateDecay * epoch);
      for (const index of order) {
        const { vector, label } = examples[index] as LabelledVector;
        const probabilities = scores(weights, bias, scale, classCount, vector);
        for (let c = 0; c < classCount; c += 1) gradient[c] = (probabilities[c] as number) - (c === label ? 1 : 0);
        scale *= 1 - rate * options.l2;
        for (let k = 0; k < vector.indices.length; k += 1) {
          const row = (vector.indices[k] as number) * classCount;
          const step = (rate * (vector.values[k] as number)) / scale;
          for (let c = 0; c < classCount; c += 1)
            weights[row + c] = (weights[row + c] as number) - step * (gradient[c] as number);
        }
        for (let c = 0; c < classCount; c += 1) bias[c] = (bias[c] as number) - rate * (gradient[c] as number);
        if (scale < 1e-3) scale = rescale(weights, scale);
      }
    }
    rescale(weights, scale);
    return new SoftmaxRegression({ featureCount, classCount, weights, bias });
  }

  /** The probability of each class; an empty vector gets the bias alone (the classes' prior). */
  probabilities(vector: SparseVector): Float64Array {
    const { weights, bias, classCount } = this.parameters;
    return scores(weights, bias, 1, classCount, vector);
  }
}

function scores(
  weights: Float32Array,
  bias: Float64Array,
  scale: number,
  classCount: number,
  vector: SparseVector,
): Float64Array {
  const logits = Float64Array.from(bias);
  for (let k = 0; k < vector.indices.length; k += 1) {
    const row = (vector.indices[k] as number) * classCount;
    const value = scale * (vector.values[k] as number);
    for (let c = 0; c < classCount; c += 1) logits[c] = (logits[c] as number) + value * (weights[row + c] as number);
  }
  return softmaxInPlace(logits);
}

function softmaxInPlace(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const logit of logits) if (logit > max) max = logit;
  let total = 0;
  for (let c = 0; c < logits.length; c += 1) {
    const e = Math.exp((logits[c] as number) - max);
    logits[c] = e;
    total += e;
  }
  for (let c = 0; c < logits.length; c += 1) logits[c] = (logits[c] as number) / total;
  return logits;
}

/** Multiplies the scale into the stored weights; returns the new scale, 1. */
function rescale(weights: Float32Array, scale: number): number {
  if (scale !== 1) for (let i = 0; i < weights.length; i += 1) weights[i] = (weights[i] as number) * scale;
  return 1;
}

/** mulberry32: small, fast and good enough to shuffle training examples reproducibly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as number, items[i] as number];
  }
}
