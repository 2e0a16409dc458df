import { SoftmaxRegression, type LabelledVector, type SoftmaxTrainingOptions } from '../../intents/softmax-regression';

const OPTIONS: SoftmaxTrainingOptions = { epochs: 20, learningRate: 1, learningRateDecay: 0.1, l2: 1e-4, seed: 7 };

/** Three classes, each marked by its own feature (0, 1, 2) plus noise from shared features 3 and 4. */
function toyProblem(): LabelledVector[] {
  const examples: LabelledVector[] = [];
  for (let i = 0; i < 30; i += 1) {
    const label = i % 3;
    examples.push({ vector: { indices: [label, 3 + (i % 2)], values: [1, 0.5] }, label });
  }
  return examples;
}

const argmax = (values: Float64Array) => values.indexOf(Math.max(...values));

describe('SoftmaxRegression', () => {
  it('learns a separable toy problem', () => {
    const model = SoftmaxRegression.train(toyProblem(), 5, 3, OPTIONS);
    for (const label of [0, 1, 2]) {
      const probabilities = model.probabilities({ indices: [label], values: [1] });
      expect(argmax(probabilities)).toBe(label);
      expect(probabilities[label]).toBeGreaterThan(0.8);
    }
  });

  it('gives probabilities that sum to 1', () => {
    const model = SoftmaxRegression.train(toyProblem(), 5, 3, OPTIONS);
    const total = model.probabilities({ indices: [0, 4], values: [0.7, 0.7] }).reduce((sum, p) => sum + p, 0);
    expect(total).toBeCloseTo(1, 10);
  });

  it('is deterministic for a seed', () => {
    const first = SoftmaxRegression.train(toyProblem(), 5, 3, OPTIONS);
    const second = SoftmaxRegression.train(toyProblem(), 5, 3, OPTIONS);
    expect(second.parameters.weights).toEqual(first.parameters.weights);
    expect(second.parameters.bias).toEqual(first.parameters.bias);
    const other = SoftmaxRegression.train(toyProblem(), 5, 3, { ...OPTIONS, seed: 8 });
    expect(other.parameters.weights).not.toEqual(first.parameters.weights);
  });

  it('answers an empty input with the classes prior, not an error', () => {
    const skewed: LabelledVector[] = [
      ...toyProblem(),
      ...Array.from({ length: 30 }, () => ({ vector: { indices: [0], values: [1] }, label: 0 })),
    ];
    const probabilities = SoftmaxRegression.train(skewed, 5, 3, OPTIONS).probabilities({ indices: [], values: [] });
    expect(probabilities.every(Number.isFinite)).toBe(true);
    expect(argmax(probabilities)).toBe(0);
  });

  it('trains on no examples without failing', () => {
    const model = SoftmaxRegression.train([], 0, 2, OPTIONS);
    expect([...model.probabilities({ indices: [], values: [] })]).toEqual([0.5, 0.5]);
  });
});
