import { InputError, silentChannel, type Dataset, type EventChannel, type Fold, type Splitter } from '@losslens/core';
import type { Executor, FitResult } from '@losslens/optim';
import { kFold } from './k-fold.js';
import { meanAndStd } from './statistics.js';
import { splitLabels, trainFold, trainFoldsInPool, type FoldFitOptions, type FoldStandardization, type ModelSource, type Trainer } from './train-fold.js';

/** Options for {@link crossValidate}. */
export interface CrossValidateOptions {
  model: ModelSource;
  /** Training data only (never the test set). */
  dataset: Dataset;
  /** Default `kFold({ folds: 5 })`. */
  splitter?: Splitter;
  /** Precomputed folds (overrides `splitter`), e.g. to compare models on identical folds. */
  folds?: readonly Fold[];
  /** Group of each row, for group splitters. */
  groups?: ArrayLike<number | string>;
  fit: FoldFitOptions;
  /** Base seed; fold k trains from `model.init(hashSeed(seed, 'fold:k'))` (default 0). */
  seed?: number;
  /** Standardize features (`'features'`), features and regression targets (`'all'`), fitted on each fold's training rows only (default `'none'`). */
  standardize?: FoldStandardization;
  /** Progress: one `progress` event per fold finished. */
  events?: EventChannel;
  /** Name shown in progress events and results (default: the spec or the model's). */
  label?: string;
  trainer?: Trainer;
  /**
   * Worker threads for the folds (optim's `fitMany`); default 1 (this thread). Used when the
   * model is a spec and the fit options are plain data (an optimizer name, rates, epochs, batch
   * size, early stopping, clipping); otherwise folds train here one after another.
   */
  workers?: number;
  /**
   * Where the folds train (optim's `Executor`: in-process, worker pool, queue), under the same
   * conditions as `workers`; the folds are `optim/fit` tasks, with the same results as here.
   */
  executor?: Executor;
}

/** One fold's outcome. Losses are measured at the θ that `fit` returns. */
export interface FoldScore {
  fold: number;
  /** The initialization (and shuffling) seed of this fold. */
  seed: number;
  trainRows: number;
  validationRows: number;
  trainLoss: number;
  validationLoss: number;
  trainAccuracy?: number;
  validationAccuracy?: number;
  /** Epochs run. */
  epochs: number;
  stopReason: FitResult['stopReason'];
  /** Wall time of the fold (training and evaluation), in ms. */
  ms: number;
}

/** The outcome of N-fold cross validation of one model. */
export interface CrossValidationResult {
  /** The model's spec (or label). */
  model: string;
  splitter: string;
  folds: FoldScore[];
  /** Validation loss of each fold, in fold order. */
  validationLosses: number[];
  /** Mean validation loss over the folds: the lecture's selection score. */
  mean: number;
  /** Sample standard deviation (ddof = 1) of the fold validation losses; 0 for one fold. */
  std: number;
  trainMean: number;
  trainStd: number;
  /** Folds whose training diverged. */
  diverged: number;
  /** Wall time of all folds, in ms. */
  ms: number;
}

/**
 * N-fold cross validation (the lecture: train N times, each time validating on a different
 * fold; judge a model by its mean validation loss). Every fold builds a fresh model and
 * trains it from a fresh initialization (seed `hashSeed(seed, 'fold:k')`); nothing is carried
 * between folds. Reports each fold's train and validation loss (at the θ `fit` returns),
 * their mean and sample std (ddof = 1), and timings; emits a `progress` event per fold.
 * Throws InputError for bad folds (e.g. more folds than rows).
 * @example
 * const cv = await crossValidate({ model: 'mlp:16:relu', dataset: train, splitter: kFold({ folds: 5 }),
 *   fit: { epochs: 50, batchSize: 32, optimizer: 'adam' } });
 * console.log(cv.mean, '±', cv.std);
 */
export async function crossValidate(options: CrossValidateOptions): Promise<CrossValidationResult> {
  const { dataset } = options;
  const splitter = options.splitter ?? kFold({ folds: 5 });
  const folds = options.folds ?? splitter.split(dataset.n, { labels: splitLabels(dataset), groups: options.groups });
  if (folds.length === 0) throw new InputError('E_USAGE', 'crossValidate: the splitter produced no folds');
  const events = options.events ?? silentChannel;
  const seed = options.seed ?? 0;
  const label = options.label ?? (typeof options.model === 'string' ? options.model : undefined);
  const started = performance.now();
  const scores: FoldScore[] = [];
  let name = label ?? '';
  for (const [k, fold] of folds.entries()) {
    if (fold.train.length === 0 || fold.validation.length === 0) {
      throw new InputError('E_TOO_FEW_ROWS', `crossValidate: fold ${k + 1} has ${fold.train.length} training and ${fold.validation.length} validation rows`);
    }
  }
  const pooled = (options.workers ?? 1) > 1 || options.executor !== undefined ? await trainFoldsInPool(options, folds, seed) : undefined;
  for (let k = 0; k < folds.length; k++) {
    const fold = folds[k] as Fold;
    const trained = pooled?.[k] ?? (await trainFold(options, dataset, fold, k, seed));
    if (name === '') name = trained.model.spec;
    const score: FoldScore = {
      fold: k,
      seed: trained.seed,
      trainRows: trained.trainRows,
      validationRows: trained.validationRows,
      trainLoss: trained.train.loss,
      validationLoss: trained.validation.loss,
      epochs: trained.result.history.length,
      stopReason: trained.result.stopReason,
      ms: trained.ms,
    };
    if (trained.train.accuracy !== undefined) score.trainAccuracy = trained.train.accuracy;
    if (trained.validation.accuracy !== undefined) score.validationAccuracy = trained.validation.accuracy;
    scores.push(score);
    events.emit({
      type: 'progress',
      task: `cv ${name}`,
      done: k + 1,
      total: folds.length,
      message: `fold ${k + 1}: validation loss ${formatLoss(score.validationLoss)}`,
    });
  }
  const validationLosses = scores.map((s) => s.validationLoss);
  const v = meanAndStd(validationLosses);
  const t = meanAndStd(scores.map((s) => s.trainLoss));
  return {
    model: name,
    splitter: options.folds !== undefined ? 'given folds' : splitter.name,
    folds: scores,
    validationLosses,
    mean: v.mean,
    std: v.std,
    trainMean: t.mean,
    trainStd: t.std,
    diverged: scores.filter((s) => s.stopReason === 'diverged').length,
    ms: performance.now() - started,
  };
}

function formatLoss(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4) : String(x);
}
