/**
 * Why losslens builds its losses from primitives: the Hessian-vector product of a small tanh
 * network with softmax cross-entropy, checked against central finite differences, once with
 * models' `softmaxCrossEntropy` and once with `tf.logSoftmax` (whose custom gradient is not
 * differentiable a second time in tfjs).
 */
// #region main
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { createModel, softmaxCrossEntropy } from '@losslens/models';
import { checkHvp } from '@losslens/testing';

/** Returns the relative HVP error of each loss at a random θ (≈ 1e-5 is right, ≫ 1e-3 is wrong). */
export async function main(backend = 'cpu') {
  await initTensorflow({ backend });
  const model = createModel('mlp:4:tanh', { inputShape: [2], outputs: 3, task: 'classification' });
  const theta = model.init(7);
  const direction = model.init(8); // any direction v
  const x = () => tf.tensor2d([[0.5, -1], [1.5, 0.2], [-0.3, 0.8], [0, 1]]);
  const y = () => tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), 3);

  const primitives = (t: tf.Tensor1D) => softmaxCrossEntropy(model.apply(t, x()), y());
  const logSoftmax = (t: tf.Tensor1D) => tf.neg(tf.mean(tf.sum(tf.mul(y(), tf.logSoftmax(model.apply(t, x()))), 1)));

  return {
    backend: tf.getBackend(),
    primitivesError: checkHvp(primitives, theta, direction).error, // ≈ 2e-5
    logSoftmaxError: checkHvp(logSoftmax, theta, direction).error, // ≈ 0.2: silently 20 % off
  };
}
// #endregion main
