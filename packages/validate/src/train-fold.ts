import { hashSeed, type Dataset, type Fold, type Lens, type Model, type Task } from '@losslens/core';
import { fitStandardizer, subset } from '@losslens/data';
import { modelFromSpec } from '@losslens/models';
import { evaluate, fit, fitMany, type Executor, type FitOptions, type FitResult, type FitTask, type Metrics } from '@losslens/optim';

/** What a model factory gets for each fold. */
export interface ModelContext {
  inputShape: readonly number[];
  outputs: number;
  task: Task;
  /** 0-based fold index. */
  fold: number;
}

/** A model spec (`linear`, `mlp:64x64:relu`, a plugin's `mine/cnn:32` with a lens, …) or a factory that builds a fresh model. */
export type ModelSource = string | ((context: ModelContext) => Model);

/**
 * Training settings passed to optim's `fit` for every fold (model, data and seed are set per
 * fold). Its `lens` also resolves a spec's prefix.
 */
export type FoldFitOptions = Omit<FitOptions, 'model' | 'train' | 'validation' | 'seed' | 'initialTheta'>;

/** The training function; optim's `fit` unless replaced (tests, custom loops). */
export type Trainer = (options: FitOptions) => Promise<FitResult>;

/** How features (and regression targets) are standardized, fitted on each fold's training rows only. */
export type FoldStandardization = 'none' | 'features' | 'all';

/**
 * The labels a stratified splitter needs: class indices for classification, none for regression.
 * @example
 * splitter.split(dataset.n, { labels: splitLabels(dataset) });
 */
export function splitLabels(dataset: Dataset): ArrayLike<number> | undefined {
  return dataset.task === 'classification' ? dataset.targets : undefined;
}

/**
 * The seed fold `k` initializes (and shuffles) from: `hashSeed(seed, 'fold:k')`.
 * @example
 * model.init(foldSeed(0, 2)); // fold 3's initial θ
 */
export function foldSeed(seed: number, k: number): number {
  return hashSeed(seed, `fold:${k}`);
}

/**
 * Builds a fresh model for fold `k` from a spec (resolved through `lens` when given) or a factory.
 * @example
 * const model = buildModel('mlp:16:relu', train, 0);
 */
export function buildModel(source: ModelSource, dataset: Dataset, k: number, lens?: Lens): Model {
  return typeof source === 'string'
    ? modelFromSpec(source, { inputShape: dataset.featureShape, outputs: dataset.outputs, task: dataset.task, ...(lens ? { models: lens.models } : {}) })
    : source({ inputShape: dataset.featureShape, outputs: dataset.outputs, task: dataset.task, fold: k });
}

/** One trained fold. */
export interface TrainedFold {
  model: Model;
  seed: number;
  result: FitResult;
  train: Metrics;
  validation: Metrics;
  trainRows: number;
  validationRows: number;
  /** Wall time (subsetting, training, evaluation), in ms. */
  ms: number;
}

/**
 * Trains a fresh model (new θ from `model.init(foldSeed(seed, k))`, nothing carried over) on
 * a fold's training rows and measures train and validation metrics at the θ `fit` returns.
 * @example
 * const trained = await trainFold({ model: 'linear', fit: { epochs: 10, batchSize: 'full' } }, dataset, fold, 0, 0);
 */
export async function trainFold(
  options: { model: ModelSource; fit: FoldFitOptions; standardize?: FoldStandardization; trainer?: Trainer },
  dataset: Dataset,
  fold: Fold,
  k: number,
  seed: number,
): Promise<TrainedFold> {
  const started = performance.now();
  const { train, validation } = foldData(dataset, fold, options.standardize ?? 'none');
  const model = buildModel(options.model, dataset, k, options.fit.lens);
  const s = foldSeed(seed, k);
  const result = await (options.trainer ?? fit)({ ...options.fit, model, train, validation, seed: s });
  const trainMetrics = result.final?.train ?? evaluate(model, result.theta, train, options.fit.loss);
  const validationMetrics = result.final?.validation ?? evaluate(model, result.theta, validation, options.fit.loss);
  return {
    model,
    seed: s,
    result,
    train: trainMetrics,
    validation: validationMetrics,
    trainRows: train.n,
    validationRows: validation.n,
    ms: performance.now() - started,
  };
}

/** A fold's training and validation rows, standardized on its training rows when asked. */
function foldData(dataset: Dataset, fold: Fold, standardize: FoldStandardization): { train: Dataset; validation: Dataset } {
  const train = subset(dataset, fold.train);
  const validation = subset(dataset, fold.validation);
  if (standardize === 'none') return { train, validation };
  const scaler = fitStandardizer(train, { targets: standardize === 'all' });
  return { train: scaler.transform(train), validation: scaler.transform(validation) };
}

/** Fit options a worker can rebuild: plain data only (see `FitTask`). */
const POOLABLE = new Set(['lens', 'optimizer', 'learningRate', 'epochs', 'batchSize', 'earlyStopping', 'clipNorm', 'finalEvaluation', 'evaluationBatchSize']);

/**
 * Trains every fold in worker threads (optim's `fitMany`) when the model is a spec and the fit
 * options are plain data; `undefined` when they are not (the caller trains folds one by one).
 * Same seeds, same results as {@link trainFold}.
 * @example
 * const trained = await trainFoldsInPool({ model: 'mlp:8:relu', fit: { epochs: 10, batchSize: 16 }, dataset, workers: 2 }, folds, 0);
 */
export async function trainFoldsInPool(
  options: { model: ModelSource; dataset: Dataset; fit: FoldFitOptions; standardize?: FoldStandardization; trainer?: Trainer; workers?: number; executor?: Executor },
  folds: readonly Fold[],
  seed: number,
  /** The fold index each entry trains as (its seed and model); default its place in `folds`. */
  foldIndices?: readonly number[],
): Promise<TrainedFold[] | undefined> {
  const spec = options.model;
  const fitOptions = options.fit as Record<string, unknown>;
  const plain = Object.keys(fitOptions).every((key) => POOLABLE.has(key) || fitOptions[key] === undefined);
  if (typeof spec !== 'string' || options.trainer !== undefined || !plain || typeof options.fit.optimizer === 'object') return undefined;
  const started = performance.now();
  const parts = folds.map((fold) => foldData(options.dataset, fold, options.standardize ?? 'none'));
  const f = options.fit;
  const indexOf = (i: number) => foldIndices?.[i] ?? i;
  const tasks: FitTask[] = parts.map(({ train, validation }, i) => ({
    model: spec,
    train,
    validation,
    optimizer: (typeof f.optimizer === 'string' ? f.optimizer : 'adam') as FitTask['optimizer'],
    ...(f.learningRate !== undefined ? { learningRate: f.learningRate } : {}),
    epochs: f.epochs,
    batchSize: f.batchSize,
    seed: foldSeed(seed, indexOf(i)),
    ...(f.earlyStopping !== undefined ? { earlyStopping: f.earlyStopping } : {}),
    ...(f.clipNorm !== undefined ? { clipNorm: f.clipNorm } : {}),
  }));
  const results = await fitMany(tasks, {
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.executor !== undefined ? { executor: options.executor } : {}), ...(f.lens ? { lens: f.lens } : {}) });
  const ms = (performance.now() - started) / folds.length;
  return results.map((result, i) => {
    const { train, validation } = parts[i]!;
    const model = buildModel(spec, options.dataset, indexOf(i), f.lens);
    return {
      model,
      seed: foldSeed(seed, indexOf(i)),
      result,
      train: result.final?.train ?? evaluate(model, result.theta, train),
      validation: result.final?.validation ?? evaluate(model, result.theta, validation),
      trainRows: train.n,
      validationRows: validation.n,
      ms,
    };
  });
}
