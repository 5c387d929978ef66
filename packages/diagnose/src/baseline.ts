/**
 * The trivial predictor's loss, the unit every "large" is measured in: regression predicts
 * the training targets' mean (mse), classification the training class frequencies
 * (cross-entropy of the prior, Laplace-smoothed so unseen classes stay finite).
 */
import type { Dataset } from '@losslens/core';

/** A fitted trivial predictor that scores any dataset of the same task. */
export interface Baseline {
  readonly kind: 'mean' | 'prior';
  /** The predicted mean per output (regression) or class probabilities (classification). */
  readonly prediction: readonly number[];
  loss(ds: Dataset): number;
}

/**
 * Fits the trivial predictor on training data.
 * @example
 * const b = fitBaseline(train); b.loss(validation); // mse of predicting the training mean
 */
export function fitBaseline(train: Dataset): Baseline {
  const k = train.outputs;
  if (train.task === 'regression') {
    const mean = new Array<number>(k).fill(0);
    for (let i = 0; i < train.n; i++) for (let j = 0; j < k; j++) mean[j]! += train.targets[i * k + j]! / train.n;
    return {
      kind: 'mean',
      prediction: mean,
      loss(ds) {
        let s = 0;
        for (let i = 0; i < ds.n; i++) for (let j = 0; j < k; j++) s += (ds.targets[i * k + j]! - mean[j]!) ** 2;
        return s / (ds.n * k);
      },
    };
  }
  const counts = new Array<number>(k).fill(1);
  for (let i = 0; i < train.n; i++) counts[train.targets[i]!]! += 1;
  const total = train.n + k;
  const prior = counts.map((c) => c / total);
  return {
    kind: 'prior',
    prediction: prior,
    loss(ds) {
      let s = 0;
      for (let i = 0; i < ds.n; i++) s -= Math.log(prior[ds.targets[i]!]!);
      return s / ds.n;
    },
  };
}
