import * as tf from '@tensorflow/tfjs-core';
import type { Augmentation } from '@losslens/core';
import { numberOption, requireImages } from './options.js';

/** Options for {@link randomTranslate}. */
export interface RandomTranslateOptions {
  /** Largest shift in pixels along each axis (default 2); shifts are uniform in [−maxShift, maxShift]. */
  maxShift?: number;
  /** Value of the pixels shifted in (default 0, the background of MNIST). */
  fill?: number;
}

/**
 * Random crop with padding, i.e. a random translation: each image is padded by `maxShift`
 * pixels of `fill` and cropped back to its size at a seeded random offset, so content moves by
 * up to `maxShift` pixels in each direction. Labels are kept. Helps against overfitting when
 * position does not matter (digits, objects); cannot fix a train/test mismatch.
 * Returns new tensors (input untouched).
 * @example
 * const out = randomTranslate({ maxShift: 2 })({ x, y }, rng);
 */
export function randomTranslate(options: RandomTranslateOptions = {}): Augmentation {
  const maxShift = Math.floor(numberOption('random translate', 'maxShift', options.maxShift, 2, 0));
  const fill = numberOption('random translate', 'fill', options.fill, 0, -Infinity);
  return ({ x, y }, rng) => {
    const [b, h, w, c] = requireImages('random translate', x);
    const k = maxShift;
    const H = h + 2 * k;
    const W = w + 2 * k;
    // Output pixel (r, s) of image i reads padded pixel (r + k − dy, s + k − dx).
    const index = new Int32Array(b * h * w);
    for (let i = 0; i < b; i++) {
      const dy = rng.int(2 * k + 1) - k;
      const dx = rng.int(2 * k + 1) - k;
      for (let r = 0; r < h; r++) {
        for (let s = 0; s < w; s++) index[(i * h + r) * w + s] = (i * H + r + k - dy) * W + s + k - dx;
      }
    }
    return {
      x: tf.tidy(() => {
        const padded = tf.pad(x, [[0, 0], [k, k], [k, k], [0, 0]], fill);
        const flat = tf.reshape(padded, [b * H * W, c]);
        return tf.reshape(tf.gather(flat, tf.tensor1d(index, 'int32')), [b, h, w, c]);
      }),
      y: tf.clone(y),
    };
  };
}
