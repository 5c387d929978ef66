/**
 * The noise of a held-out loss: a mean over rows has standard error sd(per-row loss) / √rows.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, LossFunction, Model } from '@losslens/core';
import { toTensors } from '@losslens/data';
import { sampleRows } from './curvature.js';

/**
 * The standard error of the mean loss of `model` at θ over `dataset`: the sample standard
 * deviation of the per-row losses (on at most `maxRows` seeded rows) over √(all rows).
 * `loss` must be a mean over the batch (every built-in loss is). Leaves no tensors.
 * @example
 * lossStandardError(model, theta, validation, mse); // 0.04: a gap of 0.05 is within noise
 */
export function lossStandardError(model: Model, theta: Float32Array, dataset: Dataset, loss: LossFunction, maxRows = 2000, seed = 0): number {
  const rows = sampleRows(dataset, maxRows, seed);
  if (rows.n < 2) return Number.NaN;
  const perRow = tf.tidy(() => {
    const { x, y } = toTensors(rows);
    const prediction = model.apply(tf.tensor1d(theta), x, { training: false });
    const losses: tf.Scalar[] = [];
    for (let i = 0; i < rows.n; i++) {
      const p = tf.slice(prediction, [i, ...prediction.shape.slice(1).map(() => 0)], [1, ...prediction.shape.slice(1)]);
      const t = tf.slice(y, [i, ...y.shape.slice(1).map(() => 0)], [1, ...y.shape.slice(1)]);
      losses.push(loss(p, t));
    }
    return tf.stack(losses).dataSync();
  });
  let mean = 0;
  for (const v of perRow) mean += v / perRow.length;
  let ss = 0;
  for (const v of perRow) ss += (v - mean) ** 2;
  return Math.sqrt(ss / (perRow.length - 1)) / Math.sqrt(dataset.n);
}
