import * as tf from '@tensorflow/tfjs-core';
import type { Augmentation } from '@losslens/core';
import { sampleBeta } from './beta.js';
import { numberOption } from './options.js';

/** Options for {@link mixup}. */
export interface MixupOptions {
  /** Beta(α, α) parameter of the mixing weight λ (default 0.2; smaller = closer to the original rows). */
  alpha?: number;
}

/**
 * mixup (Zhang et al. 2018, arXiv 1710.09412): draws `λ ~ Beta(α, α)` once per batch and a
 * seeded permutation `p`, and returns `x' = λ·x + (1−λ)·x[p]`, `y' = λ·y + (1−λ)·y[p]`, so
 * inputs and (one-hot or regression) targets stay aligned; class targets become soft.
 * Helps against overfitting (it regularizes towards linear behaviour between examples);
 * cannot fix a mismatch. Returns new tensors (input untouched).
 * @example
 * const out = mixup({ alpha: 0.4 })({ x, y }, rng);
 */
export function mixup(options: MixupOptions = {}): Augmentation {
  const alpha = numberOption('mixup', 'alpha', options.alpha, 0.2, Number.MIN_VALUE);
  return ({ x, y }, rng) => {
    const b = x.shape[0] as number;
    const lambda = sampleBeta(alpha, alpha, rng);
    const permutation = Int32Array.from(rng.permutation(b));
    const mix = (t: tf.Tensor) =>
      tf.tidy(() => tf.add(tf.mul(t, lambda), tf.mul(tf.gather(t, tf.tensor1d(permutation, 'int32')), 1 - lambda)));
    return { x: mix(x), y: mix(y) };
  };
}
