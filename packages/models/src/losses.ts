/**
 * Losses as core {@link LossFunction}s: a scalar, the mean over the batch. Each is built from
 * primitives whose second derivatives are right (no tf.logSoftmax, tf.losses.* or customGrad),
 * so Hessian-vector products of a loss are exact.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossFunction, Task } from '@losslens/core';
import type { Model } from '@losslens/core';

/**
 * Mean squared error: the mean over samples AND outputs of (prediction − target)²
 * (PyTorch `MSELoss()`, Keras `mse`).
 * @example
 * mse(tf.tensor2d([[1], [3]]), tf.tensor2d([[0], [1]])); // (1 + 4) / 2 = 2.5
 */
export const mse: LossFunction = (prediction, target) =>
  tf.tidy(() => tf.mean(tf.square(tf.sub(prediction, target))) as tf.Scalar);

/**
 * Mean absolute error over samples and outputs (PyTorch `L1Loss()`).
 * @example
 * mae(tf.tensor2d([[1], [3]]), tf.tensor2d([[0], [1]])); // 1.5
 */
export const mae: LossFunction = (prediction, target) =>
  tf.tidy(() => tf.mean(tf.abs(tf.sub(prediction, target))) as tf.Scalar);

/**
 * Huber loss with threshold `delta` (default 1), mean over samples and outputs: ½r² for
 * |r| ≤ δ, δ(|r| − ½δ) beyond (PyTorch `HuberLoss(delta)`, Keras `Huber`).
 * Written as ½q² + δ(|r| − q) with q = min(|r|, δ), smooth to first order.
 * @example
 * huber(1)(tf.tensor2d([[0.5], [3]]), tf.tensor2d([[0], [0]])); // (0.125 + 2.5) / 2
 */
export function huber(delta = 1): LossFunction {
  if (!(delta > 0)) throw new RangeError(`huber delta must be positive, got ${delta}`);
  return (prediction, target) =>
    tf.tidy(() => {
      const a = tf.abs(tf.sub(prediction, target));
      const q = tf.minimum(a, delta);
      return tf.mean(tf.add(tf.mul(0.5, tf.square(q)), tf.mul(delta, tf.sub(a, q)))) as tf.Scalar;
    });
}

/**
 * Softmax cross-entropy from logits, mean over samples: −Σ_k y_k log softmax(z)_k with
 * log softmax(z) = z − m − log Σ exp(z − m), m = max z (stable; max via tf.max, whose
 * gradient losslens makes second-order safe). Targets are one-hot (or probabilities).
 * @example
 * softmaxCrossEntropy(tf.tensor2d([[0, 0]]), tf.tensor2d([[1, 0]])); // log 2
 */
export const softmaxCrossEntropy: LossFunction = (logits, target) =>
  tf.tidy(() => {
    const shifted = tf.sub(logits, tf.max(logits, -1, true));
    const logSum = tf.log(tf.sum(tf.exp(shifted), -1, true));
    const logProbabilities = tf.sub(shifted, logSum);
    return tf.neg(tf.mean(tf.sum(tf.mul(target, logProbabilities), -1))) as tf.Scalar;
  });

/**
 * Binary cross-entropy from logits z, mean over samples and outputs:
 * softplus(z) − y·z = −[y log σ(z) + (1 − y) log(1 − σ(z))] (PyTorch `BCEWithLogitsLoss()`).
 * @example
 * binaryCrossEntropy(tf.tensor2d([[0]]), tf.tensor2d([[1]])); // log 2
 */
export const binaryCrossEntropy: LossFunction = (logits, target) =>
  tf.tidy(() => tf.mean(tf.sub(tf.softplus(logits), tf.mul(target, logits))) as tf.Scalar);

/** Probabilities are clipped to [ε, 1 − ε] before the log, as Keras does (ε = 1e-7). */
const EPSILON = 1e-7;

/**
 * Categorical cross-entropy from probabilities (a model ending in softmax, e.g. an imported
 * tfjs-layers classifier), mean over samples: −Σ y log clip(p, ε, 1 − ε), ε = 1e-7.
 * @example
 * categoricalCrossEntropy(tf.tensor2d([[0.5, 0.5]]), tf.tensor2d([[1, 0]])); // log 2
 */
export const categoricalCrossEntropy: LossFunction = (probabilities, target) =>
  tf.tidy(() => {
    const p = tf.minimum(tf.maximum(probabilities, EPSILON), 1 - EPSILON);
    return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.log(p)), -1))) as tf.Scalar;
  });

/**
 * Binary cross-entropy from probabilities (a model ending in sigmoid), mean over samples and
 * outputs, probabilities clipped to [1e-7, 1 − 1e-7] (Keras `binaryCrossentropy`).
 * @example
 * binaryCrossEntropyFromProbabilities(tf.tensor2d([[0.5]]), tf.tensor2d([[1]])); // log 2
 */
export const binaryCrossEntropyFromProbabilities: LossFunction = (probabilities, target) =>
  tf.tidy(() => {
    const p = tf.minimum(tf.maximum(probabilities, EPSILON), 1 - EPSILON);
    const terms = tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p))));
    return tf.neg(tf.mean(terms)) as tf.Scalar;
  });

/**
 * The default loss for a task: regression → {@link mse}; classification →
 * {@link softmaxCrossEntropy} on logits, or {@link categoricalCrossEntropy} when `model`
 * ends in softmax (its outputs are already probabilities).
 * @example
 * const loss = lossForTask('classification', model);
 */
export function lossForTask(task: Task, model?: Pick<Model, 'outputs'> & { outputActivation?: string }): LossFunction {
  if (task === 'regression') return mse;
  if (model?.outputActivation === 'softmax') return categoricalCrossEntropy;
  if (model?.outputActivation === 'sigmoid') return binaryCrossEntropyFromProbabilities;
  return softmaxCrossEntropy;
}

/**
 * Classification accuracy, a scalar in [0, 1]: the fraction of rows whose largest prediction
 * is the target's class (argmax of the one-hot row). With one output column it compares
 * `prediction > threshold` (default 0, i.e. a logit; use 0.5 for probabilities) with
 * `target > 0.5`.
 * @example
 * accuracy(tf.tensor2d([[2, 1], [0, 3]]), tf.tensor2d([[1, 0], [1, 0]])); // 0.5
 */
export function accuracy(prediction: tf.Tensor, target: tf.Tensor, options: { threshold?: number } = {}): tf.Scalar {
  return tf.tidy(() => {
    const columns = prediction.shape[prediction.rank - 1] ?? 1;
    const hits =
      columns === 1
        ? tf.equal(tf.greater(prediction, options.threshold ?? 0), tf.greater(target, 0.5))
        : tf.equal(tf.argMax(prediction, -1), tf.argMax(target, -1));
    return tf.mean(tf.cast(hits, 'float32')) as tf.Scalar;
  });
}
