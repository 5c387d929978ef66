import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import {
  accuracy,
  binaryCrossEntropy,
  binaryCrossEntropyFromProbabilities,
  categoricalCrossEntropy,
  huber,
  lossForTask,
  mae,
  mse,
  softmaxCrossEntropy,
} from './losses.js';

const value = (f: () => tf.Tensor) => tf.tidy(() => f().dataSync()[0]!);

describeBackends('losses (PyTorch/Keras semantics, literal values)', () => {
  it('mse and mae average over samples AND outputs (MSELoss, L1Loss)', () => {
    const p = () => tf.tensor2d([[1, 2], [3, 4]]);
    const t = () => tf.zeros([2, 2]);
    expect(value(() => mse(p(), t()))).toBeCloseTo(7.5, 6);
    expect(value(() => mae(p(), t()))).toBeCloseTo(2.5, 6);
  });
  it('huber(1) is ½r² inside, |r| − ½ outside, averaged (HuberLoss)', () => {
    const r = () => tf.tensor2d([[0.5], [3], [-2], [0.1]]);
    expect(value(() => huber(1)(r(), tf.zeros([4, 1])))).toBeCloseTo((0.125 + 2.5 + 1.5 + 0.005) / 4, 6);
    expect(value(() => huber(2)(r(), tf.zeros([4, 1])))).toBeCloseTo((0.125 + 4 + 2 + 0.005) / 4, 6);
  });
  it('softmax cross-entropy from logits is stable for huge logits', () => {
    const loss = value(() => softmaxCrossEntropy(tf.tensor2d([[1, 2, 3], [1000, 0, -1000]]), tf.tensor2d([[0, 0, 1], [1, 0, 0]])));
    expect(loss).toBeCloseTo(0.2038029822, 6);
  });
  it('binary cross-entropy from logits (BCEWithLogitsLoss) is stable', () => {
    const loss = value(() => binaryCrossEntropy(tf.tensor2d([[0, 2], [-3, 100]]), tf.tensor2d([[1, 0], [0, 1]])));
    expect(loss).toBeCloseTo(0.7171656358, 5);
  });
  it('cross-entropies from probabilities (Keras categorical/binary)', () => {
    expect(value(() => categoricalCrossEntropy(tf.tensor2d([[0.2, 0.8], [0.5, 0.5]]), tf.tensor2d([[0, 1], [1, 0]])))).toBeCloseTo(
      (-Math.log(0.8) - Math.log(0.5)) / 2,
      6,
    );
    expect(value(() => binaryCrossEntropyFromProbabilities(tf.tensor2d([[0.8, 0.1]]), tf.tensor2d([[1, 0]])))).toBeCloseTo(
      (-Math.log(0.8) - Math.log(0.9)) / 2,
      6,
    );
    // p = 0 is clipped to 1e-7, not −log 0 = ∞.
    expect(value(() => categoricalCrossEntropy(tf.tensor2d([[0, 1]]), tf.tensor2d([[1, 0]])))).toBeCloseTo(-Math.log(1e-7), 2);
  });
  it('accuracy: argmax for several columns, thresholds for one', () => {
    expect(value(() => accuracy(tf.tensor2d([[2, 1], [0, 3], [5, 4]]), tf.tensor2d([[1, 0], [1, 0], [1, 0]])))).toBeCloseTo(2 / 3, 6);
    expect(value(() => accuracy(tf.tensor2d([[0.3], [-1], [2]]), tf.tensor2d([[1], [0], [0]])))).toBeCloseTo(2 / 3, 6);
    expect(value(() => accuracy(tf.tensor2d([[0.3], [0.9]]), tf.tensor2d([[1], [1]]), { threshold: 0.5 }))).toBeCloseTo(0.5, 6);
  });
  it('losses leave no tensors behind', async () => {
    const p = tf.tensor2d([[0.2, 0.8]]);
    const t = tf.tensor2d([[0, 1]]);
    for (const loss of [mse, mae, huber(), softmaxCrossEntropy, binaryCrossEntropy, categoricalCrossEntropy]) {
      await expectNoLeaks(() => loss(p, t).dispose());
    }
    await expectNoLeaks(() => accuracy(p, t).dispose());
    p.dispose();
    t.dispose();
  });
});

it('lossForTask picks mse, softmax cross-entropy, or the probability forms for softmax/sigmoid outputs', () => {
  expect(lossForTask('regression')).toBe(mse);
  expect(lossForTask('classification')).toBe(softmaxCrossEntropy);
  expect(lossForTask('classification', { outputs: 3, outputActivation: 'linear' })).toBe(softmaxCrossEntropy);
  expect(lossForTask('classification', { outputs: 3, outputActivation: 'softmax' })).toBe(categoricalCrossEntropy);
  expect(lossForTask('classification', { outputs: 1, outputActivation: 'sigmoid' })).toBe(binaryCrossEntropyFromProbabilities);
  expect(() => huber(0)).toThrow(/delta must be positive/);
});
