/**
 * The lecture's saddle point: one sample (x = 1, ŷ = 1) and the network y = w1·w2·x, so
 * L(w1, w2) = (1 − w1·w2)². At (0, 0) the gradient is zero and the Hessian is [[0, −2], [−2, 0]]
 * with eigenvalues −2 and 2: a saddle point, and a step along the eigenvector of −2 escapes it.
 */
// #region main
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { analyzeCriticalPoint, objectiveFromLoss } from '@losslens/critical';

/** Classifies θ = (0, 0) of the lecture's two-weight network and escapes along the negative curvature. */
export async function main() {
  await initTensorflow();
  const x = 1;
  const target = 1;
  // L(w) = (target − w1·w2·x)², a function of the flat parameter vector w = [w1, w2].
  const loss = (w: tf.Tensor1D) => {
    const y = tf.mul(tf.mul(tf.slice(w, 0, 1), tf.slice(w, 1, 1)), x); // w1·w2·x
    return tf.sum(tf.square(tf.sub(target, y)));
  };
  const objective = objectiveFromLoss(loss, 2);
  const report = analyzeCriticalPoint(objective, Float32Array.of(0, 0), { full: true });
  return {
    gradientNorm: report.gradientNorm, // 0
    eigenvalues: report.eigenvalues, // [-2, 2], ascending
    minimumRatio: report.minimumRatio, // 0.5: one positive eigenvalue out of two
    kind: report.kind, // 'saddle-point'
    escape: report.escape, // { eigenvalue: -2, step: ±√2, lossBefore: 1, lossAfter: 0, … }
  };
}
// #endregion main
