import type { Dataset, LossFunction, Model } from '@losslens/core';
import { featureSize, targetSize } from '@losslens/data';
import { fit, type FitResult, type OptimizerName } from '@losslens/optim';

/** The training settings every sanity check uses for its cheap runs. */
export interface SanityOptions {
  model: Model;
  train: Dataset;
  validation?: Dataset;
  /** Default `adam`. */
  optimizer?: OptimizerName;
  /** Default: the optimizer's. */
  learningRate?: number;
  /** Default 30. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number | 'full';
  /** Default 0. */
  seed?: number;
  loss?: LossFunction;
}

/** One short `fit` with the sanity settings (no early stopping, no divergence stop). */
export function briefFit(options: SanityOptions, train: Dataset, validation: Dataset | undefined, overrides: { epochs?: number; batchSize?: number | 'full' } = {}): Promise<FitResult> {
  return fit({
    model: options.model,
    train,
    ...(validation === undefined ? {} : { validation }),
    optimizer: options.optimizer ?? 'adam',
    ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
    ...(options.loss === undefined ? {} : { loss: options.loss }),
    epochs: overrides.epochs ?? options.epochs ?? 30,
    batchSize: overrides.batchSize ?? options.batchSize ?? 32,
    seed: options.seed ?? 0,
    divergence: false,
  });
}

/**
 * The loss of the best constant prediction learned from `train`, measured on `on`: the class
 * frequencies' cross-entropy (floored at 1e-7) for classification, the MSE of the train mean for
 * regression. This is what a model that ignores its inputs can reach.
 * @example
 * constantBaseline(train, validation); // e.g. 0.693 for balanced binary labels
 */
export function constantBaseline(train: Dataset, on: Dataset = train): number {
  if (train.task === 'classification') {
    const counts = new Float64Array(train.outputs);
    for (let i = 0; i < train.n; i++) counts[train.targets[i] as number]! += 1;
    let total = 0;
    for (let i = 0; i < on.n; i++) total -= Math.log(Math.max(1e-7, (counts[on.targets[i] as number] ?? 0) / train.n));
    return total / on.n;
  }
  const k = targetSize(train);
  const means = new Float64Array(k);
  for (let i = 0; i < train.n; i++) for (let c = 0; c < k; c++) means[c]! += (train.targets[i * k + c] as number) / train.n;
  let ss = 0;
  for (let i = 0; i < on.n; i++) for (let c = 0; c < k; c++) ss += ((on.targets[i * k + c] as number) - (means[c] as number)) ** 2;
  return ss / (on.n * k);
}

/** `ds` with every feature set to 0. */
export function zeroedInputs<D extends Dataset>(ds: D): D {
  return { ...ds, features: new Float32Array(ds.n * featureSize(ds)), origin: `${ds.origin} (inputs zeroed)` };
}
