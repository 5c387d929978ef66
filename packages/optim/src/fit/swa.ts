import * as tf from '@tensorflow/tfjs-core';

/**
 * A running average of parameter vectors on the device: Stochastic Weight Averaging
 * (Izmailov et al., arXiv 1803.05407) `θ_swa ← θ_swa + (θ − θ_swa)/(n + 1)`.
 * Models with batch normalization need their statistics recomputed at θ_swa (not done here).
 */
export interface WeightAverage {
  /** Number of vectors averaged so far. */
  readonly count: number;
  /** Adds θ (not consumed; the caller keeps ownership). */
  add(theta: tf.Tensor1D): void;
  /** The average as a tensor owned by the averager (undefined before the first `add`). */
  tensor(): tf.Tensor1D | undefined;
  /** The average as a plain array (read back). */
  values(): Float32Array | undefined;
  dispose(): void;
}

/**
 * Creates an empty running average of θ.
 * @example
 * const swa = createWeightAverage();
 * swa.add(theta1); swa.add(theta2);
 * swa.values(); // (θ1 + θ2) / 2
 * swa.dispose();
 */
export function createWeightAverage(): WeightAverage {
  let mean: tf.Tensor1D | undefined;
  let count = 0;
  return {
    get count() {
      return count;
    },
    add(theta) {
      const next = tf.tidy(() =>
        mean === undefined ? tf.clone(theta) : (tf.add(mean, tf.div(tf.sub(theta, mean), count + 1)) as tf.Tensor1D),
      );
      mean?.dispose();
      mean = tf.keep(next);
      count += 1;
    },
    tensor: () => mean,
    values: () => (mean === undefined ? undefined : Float32Array.from(mean.dataSync())),
    dispose() {
      mean?.dispose();
      mean = undefined;
    },
  };
}
