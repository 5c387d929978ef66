import * as tf from '@tensorflow/tfjs-core';
import { InputError, type Augmentation } from '@losslens/core';
import { numberOption } from './options.js';

/** Options for {@link tabularNoise}. */
export interface TabularNoiseOptions {
  /** Noise std as a multiple of each column's scale (default 0.05). */
  std?: number;
  /** Per-column scale, e.g. the training standard deviations (default 1: right for standardized features). */
  scale?: readonly number[];
}

/**
 * Adds seeded Gaussian noise to table rows `[b, features]`, column `j` with std `std·scale[j]`;
 * labels are kept. Helps against overfitting on small tables (it smooths the fitted function);
 * cannot fix a mismatch, and too much noise brings model bias back.
 * Returns new tensors (input untouched).
 * @example
 * const augment = tabularNoise({ std: 0.1, scale: standardizer.state.featureStd });
 */
export function tabularNoise(options: TabularNoiseOptions = {}): Augmentation {
  const std = numberOption('tabular noise', 'std', options.std, 0.05, 0);
  const scale = options.scale;
  if (scale !== undefined && (!Array.isArray(scale) || scale.some((s) => typeof s !== 'number' || !Number.isFinite(s) || s < 0))) {
    throw new InputError('E_USAGE', 'tabular noise: scale must be a list of finite numbers ≥ 0, one per feature column');
  }
  return ({ x, y }, rng) => {
    if (x.rank !== 2) {
      throw new InputError('E_SHAPE', `tabular noise needs table batches [batch, features]; got shape [${x.shape.join(', ')}]`);
    }
    const [b, d] = x.shape as [number, number];
    if (scale !== undefined && scale.length !== d) {
      throw new InputError('E_SHAPE', `tabular noise: scale has ${scale.length} values but the batch has ${d} feature columns`);
    }
    const noise = new Float32Array(b * d);
    for (let i = 0; i < b * d; i++) noise[i] = std * (scale === undefined ? 1 : (scale[i % d] as number)) * rng.normal();
    return { x: tf.tidy(() => tf.add(x, tf.tensor2d(noise, [b, d], 'float32'))), y: tf.clone(y) };
  };
}
