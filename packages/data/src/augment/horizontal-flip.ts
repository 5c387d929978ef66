import * as tf from '@tensorflow/tfjs-core';
import type { Augmentation } from '@losslens/core';
import { numberOption, requireImages } from './options.js';

/** Options for {@link horizontalFlip}. */
export interface HorizontalFlipOptions {
  /** Chance that each image is mirrored left↔right (default 0.5). */
  probability?: number;
}

/**
 * Mirrors each image left↔right with a seeded coin flip; labels are kept.
 * Helps against overfitting when a mirrored image is still a valid example of its class
 * (photos of objects); wrong for digits and text, where mirroring changes the meaning.
 * Like every augmentation, it cannot fix a train/test mismatch. Returns new tensors (input untouched).
 * @example
 * const augment = horizontalFlip({ probability: 0.5 });
 * const out = augment({ x, y }, rng);
 */
export function horizontalFlip(options: HorizontalFlipOptions = {}): Augmentation {
  const probability = numberOption('horizontal flip', 'probability', options.probability, 0.5, 0, 1);
  return ({ x, y }, rng) => {
    const [b] = requireImages('horizontal flip', x);
    const pick = Int32Array.from({ length: b }, (_, i) => (rng.uniform() < probability ? b + i : i));
    return {
      x: tf.tidy(() => tf.gather(tf.concat([x, tf.reverse(x, 2)], 0), tf.tensor1d(pick, 'int32'))),
      y: tf.clone(y),
    };
  };
}
