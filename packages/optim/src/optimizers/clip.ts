import * as tf from '@tensorflow/tfjs-core';
import { numberOption } from './options.js';

/**
 * Scales a gradient so its L2 norm is at most `maxNorm`, PyTorch `clip_grad_norm_` semantics:
 * `g ← g·min(1, maxNorm/(‖g‖ + 1e-6))`. Returns the clipped gradient and the norm before clipping.
 * Call inside `tf.tidy` (both results are new tensors).
 * @example
 * const { gradient, norm } = tf.tidy(() => clipByNorm(g, 1));
 */
export function clipByNorm(gradient: tf.Tensor1D, maxNorm: number): { gradient: tf.Tensor1D; norm: tf.Scalar } {
  numberOption('clipByNorm', 'maxNorm', maxNorm, maxNorm, { above: 0 });
  const norm = tf.norm(gradient) as tf.Scalar;
  const coefficient = tf.minimum(tf.div(maxNorm, tf.add(norm, 1e-6)), 1);
  return { gradient: tf.mul(gradient, coefficient) as tf.Tensor1D, norm };
}
