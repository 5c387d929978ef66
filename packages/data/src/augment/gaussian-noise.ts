import * as tf from '@tensorflow/tfjs-core';
import type { Augmentation } from '@losslens/core';
import { InputError } from '@losslens/core';
import { numberOption } from './options.js';

/** Options for {@link gaussianNoise}. */
export interface GaussianNoiseOptions {
  /** Noise standard deviation in input units (default 0.1). */
  std?: number;
  /** Clip the result to [low, high], e.g. [0, 1] for MNIST pixels (default: no clipping). */
  clip?: readonly [number, number];
}

/**
 * Adds seeded `N(0, std²)` noise to every input value (images or any other shape); labels are
 * kept. Helps against overfitting by making the network insensitive to small input changes;
 * cannot fix a train/test mismatch (noise does not move the inputs to where the test data lie).
 * Returns new tensors (input untouched).
 * @example
 * const out = gaussianNoise({ std: 0.1, clip: [0, 1] })({ x, y }, rng);
 */
export function gaussianNoise(options: GaussianNoiseOptions = {}): Augmentation {
  const std = numberOption('gaussian noise', 'std', options.std, 0.1, 0);
  const clip = options.clip;
  if (clip !== undefined && !(Array.isArray(clip) && clip.length === 2 && Number(clip[0]) <= Number(clip[1]))) {
    throw new InputError('E_USAGE', `gaussian noise: clip must be [low, high] with low ≤ high, got ${JSON.stringify(clip)}`);
  }
  return ({ x, y }, rng) => {
    const noise = Float32Array.from({ length: x.size }, () => std * rng.normal());
    return {
      x: tf.tidy(() => {
        const noisy = tf.add(x, tf.tensor(noise, x.shape, 'float32'));
        return clip === undefined ? noisy : tf.clipByValue(noisy, clip[0], clip[1]);
      }),
      y: tf.clone(y),
    };
  };
}
