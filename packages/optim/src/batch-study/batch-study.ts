/**
 * The batch-size study: the same model, data, seed and epochs at several batch sizes, each
 * trial independent, run in a pool of worker threads (piscina) so N cores run N trials.
 */
import { InputError, silentChannel, type Dataset, type EventChannel, type Lens, type LossFunction, type Model } from '@losslens/core';
import { createModel, modelFromSpec, specPrefix } from '@losslens/models';
import { resolveOptimizer } from '../fit/resolve-names.js';
import type { EarlyStoppingOptions } from '../fit/early-stopping.js';
import { isOptimizerName, optimizerNames, type OptimizerName } from '../optimizers/create-optimizer.js';
import { numberOption } from '../optimizers/options.js';
import type { ScheduleSpec } from '../schedules/create-schedule.js';
import { learningRateScalings, scaleLearningRate, type LearningRateScaling } from '../schedules/linear-scaling.js';
import { runTrial, type BatchRun, type TrialSettings } from './trial.js';
import { cores, sharedDataset } from '../worker-pool.js';
import type { Executor, ExecutorTask } from '../executor/executor.js';
import { plainDataset } from '../executor/plain-dataset.js';
import { workerPoolExecutor } from '../executor/worker-pool.js';
import { optimTaskModule, type BatchTrialTask } from '../fit-pool/tasks.js';

/** Measures sharpness at a trained θ (e.g. with @losslens/critical: top Hessian eigenvalue and Keskar's ε-sharpness). */
export type SharpnessMeasure = (
  model: Model,
  theta: Float32Array,
  train: Dataset,
) => { topEigenvalue: number; keskar: number } | Promise<{ topEigenvalue: number; keskar: number }>;

/** The gradient noise scale at a θ (e.g. `noiseScaleMeasure()` of @losslens/health: B_simple = tr(Σ)/|G|²). */
export interface NoiseScale {
  /** B_simple, about the critical batch size (McCandlish et al. 2018). */
  bSimple: number;
  standardError: number;
  /** One sentence: "the critical batch size for this model and data is about N (…)". */
  finding: string;
}

/** Measures the gradient noise scale of `model` at `theta` on `train`. */
export type NoiseScaleMeasure = (model: Model, theta: Float32Array, train: Dataset) => NoiseScale | Promise<NoiseScale>;

/** Options of {@link batchStudy}. */
export interface BatchStudyOptions {
  /** A model spec (`mlp:128:relu`), or a model whose `spec` models' `createModel` can rebuild in a worker. */
  model: string | Model;
  train: Dataset;
  validation?: Dataset;
  /** Batch sizes to compare, e.g. `[16, 64, 256, 'full']`. */
  batchSizes: readonly (number | 'full')[];
  epochs: number;
  /** Default `sgd` (the lecture's setting). */
  /** Default `sgd`; with a lens, any registered optimizer. */
  optimizer?: OptimizerName | (string & {});
  optimizerConfig?: Record<string, unknown>;
  /**
   * Where the model spec's prefix and the optimizer resolve. A plugin's model or optimizer
   * trains in this thread (worker threads know only the built-ins).
   */
  lens?: Lens;
  /** Rate at `referenceBatchSize`. Default: the optimizer's. */
  learningRate?: number;
  /** How the rate follows the batch size. Default `none`. */
  lrScaling?: LearningRateScaling;
  /** The batch size `learningRate` is meant for. Default: the smallest batch size of the study. */
  referenceBatchSize?: number;
  /** One seed for every trial: same initial θ, same shuffling stream. Default 0. */
  seed?: number;
  schedule?: ScheduleSpec;
  earlyStopping?: EarlyStoppingOptions | boolean;
  clipNorm?: number;
  /** Worker threads. Default: min(trials, available cores). 1 runs the trials in this thread. */
  workers?: number;
  /**
   * Where the trials go instead (optim's `Executor`: worker pool, queue, …) as `optim/batch-trial`
   * tasks; the model must be rebuildable from its spec and the loss the default.
   */
  executor?: Executor;
  /** Only with `workers: 1` (functions cannot cross threads). Default: the task's loss. */
  loss?: LossFunction;
  /** Called in this thread with each trial's final θ; its result becomes `run.sharpness`. */
  measureSharpness?: SharpnessMeasure;
  /**
   * Called once in this thread at the initial θ every trial starts from (`model.init(seed)`);
   * its result becomes `noiseScale`, the critical batch size next to the measured table.
   */
  measureNoiseScale?: NoiseScaleMeasure;
  events?: EventChannel;
}

/** What {@link batchStudy} returns: one run per batch size, in the order asked. */
export interface BatchStudyResult {
  runs: BatchRun[];
  /** Worker threads used (1: in this thread). */
  workers: number;
  /** Wall time of the whole study, in ms. */
  msTotal: number;
  /** With `measureNoiseScale`: the gradient noise scale at the trials' initial θ. */
  noiseScale?: NoiseScale;
}

/**
 * Trains the same model at each batch size and reports, per batch size, updates per epoch,
 * ms per update and per epoch (medians over epochs), and train/validation loss and accuracy at
 * the end (the lecture's small-vs-large-batch table). Trials run in parallel worker threads.
 * @example
 * const { runs } = await batchStudy({ model: 'mlp:128:relu', train, validation,
 *   batchSizes: [32, 256, 'full'], epochs: 3, lrScaling: 'sqrt' });
 * for (const r of runs) console.log(r.batchSize, r.updatesPerEpoch, r.msPerEpoch, r.validation?.accuracy);
 */
export async function batchStudy(options: BatchStudyOptions): Promise<BatchStudyResult> {
  const started = performance.now();
  const { train, validation } = options;
  if (options.batchSizes.length === 0) throw new InputError('E_USAGE', 'batchStudy: give at least one batch size', { flag: '--batch-sizes' });
  const sizes = options.batchSizes.map((b) => {
    if (b === 'full') return train.n;
    if (!Number.isInteger(b) || b < 1) {
      throw new InputError('E_USAGE', `batch sizes must be whole numbers ≥ 1 or "full", got ${String(b)}`, { flag: '--batch-sizes' });
    }
    return Math.min(b, train.n);
  });
  const epochs = numberOption('batchStudy', 'epochs', options.epochs, 1, { min: 1, integer: true });
  const seed = numberOption('batchStudy', 'seed', options.seed, 0, { integer: true });
  const lens = options.lens;
  const requestedOptimizer = options.optimizer ?? 'sgd';
  if (lens === undefined && !isOptimizerName(requestedOptimizer)) {
    throw new InputError('E_VALUE', `unknown optimizer "${String(requestedOptimizer)}"; choose one of ${optimizerNames.join(', ')}`, { flag: '--optimizer' });
  }
  const resolved = resolveOptimizer(requestedOptimizer, lens);
  const builtinOptimizer = lens === undefined || lens.optimizers.owner(resolved.key) === '@losslens/optim';
  // Built-ins by their short name (what worker threads know); a plugin's by its key, in this thread.
  const optimizer = builtinOptimizer ? resolved.key.slice(resolved.key.indexOf('/') + 1) : resolved.key;
  const rule = options.lrScaling ?? 'none';
  if (!learningRateScalings.includes(rule)) {
    throw new InputError('E_USAGE', `unknown learning-rate scaling "${String(rule)}"; choose one of ${learningRateScalings.join(', ')}`, { flag: '--lr-scaling' });
  }
  const baseRate = numberOption('batchStudy', 'learningRate', options.learningRate, resolved.defaultRate, { above: 0 });
  const referenceBatchSize = numberOption('batchStudy', 'referenceBatchSize', options.referenceBatchSize, Math.min(...sizes), { above: 0 });
  const spec = typeof options.model === 'string' ? options.model : options.model.spec;
  const shape = { inputShape: train.featureShape, outputs: train.outputs, task: train.task };
  const model =
    typeof options.model !== 'string' ? options.model : lens ? modelFromSpec(options.model, { ...shape, models: lens.models }) : createModel(options.model, shape);
  const pluginModel = lens !== undefined && typeof options.model === 'string' && lens.models.owner(lens.models.resolve(specPrefix(spec)).key) !== '@losslens/models';
  const workers = builtinOptimizer && !pluginModel
    ? Math.min(numberOption('batchStudy', 'workers', options.workers, Math.max(1, Math.min(sizes.length, await cores())), { min: 1, integer: true }), sizes.length)
    : 1;
  const events = options.events ?? silentChannel;
  if (workers > 1) checkRebuildable(model, spec, train, options.loss);

  const settings: TrialSettings[] = sizes.map((batchSize, i) => ({
    batchSize,
    requested: options.batchSizes[i] as number | 'full',
    learningRate: scaleLearningRate(baseRate, { batchSize, referenceBatchSize, rule }),
    epochs,
    seed,
    optimizer: optimizer as OptimizerName,
    ...(options.optimizerConfig === undefined ? {} : { optimizerConfig: options.optimizerConfig }),
    ...(options.schedule === undefined ? {} : { schedule: options.schedule }),
    ...(options.earlyStopping === undefined ? {} : { earlyStopping: options.earlyStopping }),
    ...(options.clipNorm === undefined ? {} : { clipNorm: options.clipNorm }),
  }));

  let done = 0;
  const finish = async (outcome: { run: BatchRun; theta: Float32Array }): Promise<BatchRun> => {
    if (options.measureSharpness !== undefined) outcome.run.sharpness = await options.measureSharpness(model, outcome.theta, train);
    done += 1;
    events.emit({ type: 'progress', task: 'batch-study', done, total: sizes.length, message: `batch size ${outcome.run.batchSize}` });
    return outcome.run;
  };
  events.emit({ type: 'progress', task: 'batch-study', done: 0, total: sizes.length });

  const noiseScale = options.measureNoiseScale === undefined ? undefined : await options.measureNoiseScale(model, model.init(seed), train);
  let runs: BatchRun[];
  if (workers === 1 && options.executor === undefined) {
    runs = [];
    for (const s of settings) runs.push(await finish(await runTrial(model, train, validation, s, options.loss, lens)));
  } else {
    if (options.executor !== undefined) checkRebuildable(model, spec, train, options.loss);
    const executor = options.executor ?? (await workerPoolExecutor({ handlerModules: [optimTaskModule()], threads: workers }));
    try {
      const share = executor.name === 'worker-pool' ? sharedDataset : plainDataset;
      const data = { train: share(train), ...(validation === undefined ? {} : { validation: share(validation) }) };
      const tasks = settings.map((s, i): ExecutorTask<BatchTrialTask> => ({ id: `batch:${i}:${s.requested}`, kind: 'optim/batch-trial', payload: { spec, ...data, settings: s } }));
      const outcomes = (await executor.run(tasks)) as { run: BatchRun; theta: Float32Array }[];
      runs = [];
      for (const outcome of outcomes) runs.push(await finish(outcome));
    } finally {
      if (options.executor === undefined) await executor.close();
    }
  }
  return { runs, workers, msTotal: performance.now() - started, ...(noiseScale === undefined ? {} : { noiseScale }) };
}

function checkRebuildable(model: Model, spec: string, train: Dataset, loss: LossFunction | undefined): void {
  if (loss !== undefined) {
    throw new InputError('E_USAGE', 'batchStudy: a custom loss function cannot be sent to worker threads; pass workers: 1');
  }
  let rebuilt: Model;
  try {
    rebuilt = createModel(spec, { inputShape: train.featureShape, outputs: train.outputs, task: train.task });
  } catch {
    throw new InputError('E_SPEC', `batchStudy: model "${spec}" cannot be rebuilt from its spec in a worker thread; pass workers: 1`);
  }
  if (rebuilt.parameterCount !== model.parameterCount) {
    throw new InputError('E_SPEC', `batchStudy: model "${spec}" rebuilt from its spec has ${rebuilt.parameterCount} parameters, not ${model.parameterCount}; pass workers: 1`);
  }
}
