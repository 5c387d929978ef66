import * as tf from '@tensorflow/tfjs-core';
import type { Batch, Dataset } from '@losslens/core';
import { subset } from './subset.js';

/**
 * The rows at `indices` (default: all rows, in order) as float32 tensors:
 * `x` is `[b, ...featureShape]`; `y` is `[b, outputs]`, one-hot for classification.
 * The caller owns (and disposes) both tensors. Call after `initTensorflow`.
 * @example
 * const { x, y } = toTensors(ds, [0, 1, 2]);
 * // … use them …
 * tf.dispose([x, y]);
 */
export function toTensors(ds: Dataset, indices?: ArrayLike<number>): Batch {
  // Copies either way: some backends keep the array they are given, and the dataset must stay untouched.
  const rows = indices === undefined ? { ...ds, features: ds.features.slice(), targets: ds.targets.slice() } : subset(ds, indices);
  const b = rows.n;
  const x = tf.tensor(rows.features, [b, ...ds.featureShape], 'float32');
  if (ds.task === 'regression') {
    return { x, y: tf.tensor2d(rows.targets, [b, ds.outputs], 'float32') };
  }
  return { x, y: tf.tensor2d(oneHot(rows.targets, ds.outputs), [b, ds.outputs], 'float32') };
}

/**
 * One-hot rows for class indices: `n × classes`, row-major.
 * @example
 * oneHot([2, 0], 3); // Float32Array [0, 0, 1, 1, 0, 0]
 */
export function oneHot(labels: ArrayLike<number>, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`class index ${label} at row ${i} is not in 0..${classes - 1}`);
    }
    out[i * classes + label] = 1;
  }
  return out;
}
