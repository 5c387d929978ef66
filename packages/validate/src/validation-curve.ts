import { InputError, silentChannel, type Dataset, type EventChannel, type Splitter } from '@losslens/core';
import { bestPoint, curvePoint, type Curve } from './curve.js';
import { kFold } from './k-fold.js';
import type { Candidate } from './select-model.js';
import { buildModel, splitLabels, trainFold, type FoldFitOptions, type FoldStandardization, type Trainer } from './train-fold.js';

/** Options for {@link validationCurve}. */
export interface ValidationCurveOptions {
  /** Models from simple to complex, e.g. `['mlp:2:relu', 'mlp:8:relu', 'mlp:32:relu', 'mlp:128:relu']`. */
  models: readonly Candidate[];
  /** Training data only. */
  dataset: Dataset;
  /** Default `kFold({ folds: 5 })`; every model gets the same folds and fold seeds. */
  splitter?: Splitter;
  groups?: ArrayLike<number | string>;
  fit: FoldFitOptions;
  seed?: number;
  /** The x of each model (default its parameter count). */
  complexity?: readonly number[];
  standardize?: FoldStandardization;
  events?: EventChannel;
  trainer?: Trainer;
}

/** A validation curve: the bias–complexity U. */
export interface ValidationCurve extends Curve {
  kind: 'validation';
  /** The model at the bottom of the validation curve (the lecture's choice). */
  selected: string;
}

/**
 * Validation curve: train and validation loss (mean ± sample std over folds) as model
 * complexity grows. Training loss keeps falling with complexity while validation loss
 * falls then rises; the best point, at the bottom of the validation U, is marked.
 * Throws InputError `E_USAGE` for an empty model list.
 * @example
 * const curve = await validationCurve({ models: ['linear', 'mlp:8:relu', 'mlp:64:relu'], dataset: train,
 *   fit: { epochs: 100, batchSize: 32 } });
 * curve.selected; // e.g. 'mlp:8:relu'
 */
export async function validationCurve(options: ValidationCurveOptions): Promise<ValidationCurve> {
  const { dataset, models } = options;
  if (models.length === 0) throw new InputError('E_USAGE', 'validationCurve: the model list is empty; give at least one model');
  if (options.complexity !== undefined && options.complexity.length !== models.length) {
    throw new InputError('E_USAGE', `validationCurve: ${options.complexity.length} complexity values for ${models.length} models`);
  }
  const splitter = options.splitter ?? kFold({ folds: 5 });
  const folds = splitter.split(dataset.n, { labels: splitLabels(dataset), groups: options.groups });
  const events = options.events ?? silentChannel;
  const seed = options.seed ?? 0;
  const total = models.length * folds.length;
  let done = 0;
  const points = [];
  for (const [m, candidate] of models.entries()) {
    const source = typeof candidate === 'string' ? candidate : candidate.model;
    const name = typeof candidate === 'string' ? candidate : candidate.name;
    const train: number[] = [];
    const validation: number[] = [];
    for (const [k, fold] of folds.entries()) {
      const trained = await trainFold({ ...options, model: source }, dataset, fold, k, seed);
      train.push(trained.train.loss);
      validation.push(trained.validation.loss);
      done++;
      events.emit({ type: 'progress', task: 'validation curve', done, total, message: `${name}, fold ${k + 1}` });
    }
    const x = options.complexity?.[m] ?? buildModel(source, dataset, -1, options.fit.lens).parameterCount;
    points.push(curvePoint(x, name, train, validation));
  }
  const best = bestPoint(points);
  return {
    kind: 'validation',
    xTitle: options.complexity === undefined ? 'parameters' : 'complexity',
    points,
    best,
    selected: (points[best] as { label: string }).label,
  };
}
