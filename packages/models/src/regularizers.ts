/**
 * Penalties on θ, added to a loss: L2 (weight decay) and L1. Both follow Keras:
 * `weight · Σθ²` and `weight · Σ|θ|` (PyTorch's `weight_decay=λ` equals an L2 weight of λ/2).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '@losslens/core';

/** Which parameters a penalty covers: 1 where it applies, 0 elsewhere (length P). */
export type PenaltyMask = tf.Tensor1D | Float32Array;

const masked = (theta: tf.Tensor1D, mask: PenaltyMask | undefined): tf.Tensor =>
  mask === undefined ? theta : tf.mul(theta, mask instanceof Float32Array ? tf.tensor1d(mask) : mask);

/**
 * L2 penalty `weight · Σ (mask ⊙ θ)²` (its gradient is 2·weight·θ).
 * @example
 * const total = tf.add(mse(model.apply(theta, x), y), l2Penalty(theta, 1e-4));
 */
export function l2Penalty(theta: tf.Tensor1D, weight: number, mask?: PenaltyMask): tf.Scalar {
  return tf.tidy(() => tf.mul(weight, tf.sum(tf.square(masked(theta, mask)))) as tf.Scalar);
}

/**
 * L1 penalty `weight · Σ |mask ⊙ θ|` (gradient weight·sign θ; zero second derivative).
 * @example
 * const total = tf.add(loss, l1Penalty(theta, 1e-5));
 */
export function l1Penalty(theta: tf.Tensor1D, weight: number, mask?: PenaltyMask): tf.Scalar {
  return tf.tidy(() => tf.mul(weight, tf.sum(tf.abs(masked(theta, mask)))) as tf.Scalar);
}

/**
 * A mask selecting the weight matrices and convolution kernels (blocks named `…/kernel`),
 * leaving biases and batch-norm scales unpenalized, as is usual for weight decay.
 * @example
 * const penalty = l2Penalty(theta, 1e-4, kernelMask(model));
 */
export function kernelMask(model: Pick<Model, 'layout' | 'parameterCount'>): Float32Array {
  const mask = new Float32Array(model.parameterCount);
  for (const block of model.layout) {
    if (block.name.endsWith('/kernel')) mask.fill(1, block.offset, block.offset + block.size);
  }
  return mask;
}
