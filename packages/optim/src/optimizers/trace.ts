import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '@losslens/core';

/**
 * Applies `optimizer` to a fixed sequence of gradients from `theta` and returns θ after each
 * step, as plain arrays (for checking an optimizer, built-in or a plugin's, against hand-computed
 * steps). Leaves no tensors; disposes the optimizer. `learningRate` may vary per step.
 * @example
 * const [after1, after2] = traceOptimizer(sgd(), [1, -2], [[0.5, 0.1], [-0.2, 0.4]], 0.1);
 */
export function traceOptimizer(
  optimizer: Optimizer,
  theta: ArrayLike<number>,
  gradients: readonly ArrayLike<number>[],
  learningRate: number | ((step: number) => number),
): Float32Array[] {
  const out: Float32Array[] = [];
  let current = tf.tensor1d(Float32Array.from(theta));
  try {
    gradients.forEach((g, i) => {
      const rate = typeof learningRate === 'number' ? learningRate : learningRate(i);
      const gradient = tf.tensor1d(Float32Array.from(g));
      const next = optimizer.step(current, gradient, rate);
      gradient.dispose();
      current.dispose();
      current = next;
      out.push(Float32Array.from(current.dataSync()));
    });
  } finally {
    current.dispose();
    optimizer.dispose();
  }
  return out;
}
