/**
 * One batch-size trial: fit the model at one batch size and condense the run into the
 * numbers of the batch-size table. Shared by the worker threads and the in-process path.
 */
import type { Dataset, Lens, LossFunction, Model } from '@losslens/core';
import type { EarlyStoppingOptions } from '../fit/early-stopping.js';
import type { Metrics } from '../fit/evaluate.js';
import { fit, type EpochRecord, type StopReason } from '../fit/fit.js';
import type { OptimizerName } from '../optimizers/create-optimizer.js';
import type { ScheduleSpec } from '../schedules/create-schedule.js';

/** Everything a trial needs that can cross a thread boundary (plain data only). */
export interface TrialSettings {
  batchSize: number;
  requested: number | 'full';
  learningRate: number;
  epochs: number;
  seed: number;
  optimizer: OptimizerName;
  optimizerConfig?: Record<string, unknown>;
  schedule?: ScheduleSpec;
  earlyStopping?: EarlyStoppingOptions | boolean;
  clipNorm?: number;
}

/** One row of the batch-size table (the `losslens batch-study` JSON `runs[]`). */
export interface BatchRun {
  /** Rows per update (`'full'` resolved to the training-set size). */
  batchSize: number;
  /** The batch size as asked for. */
  requested: number | 'full';
  /** The learning rate used (after scaling). */
  learningRate: number;
  updatesPerEpoch: number;
  /** Median over epochs of the training time per update, in ms. */
  msPerUpdate: number;
  /** Median over epochs of the training time per epoch, in ms. */
  msPerEpoch: number;
  /** Metrics at the final θ over the whole training set. */
  train: Metrics;
  validation?: Metrics;
  stopReason: StopReason;
  epochs: number;
  history: EpochRecord[];
  /** Filled by `measureSharpness` when given (e.g. by @losslens/critical). */
  sharpness?: { topEigenvalue: number; keskar: number };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Runs one trial in this thread and returns its table row and final θ.
 * @example
 * const { run, theta } = await runTrial(model, train, validation, settings);
 */
export async function runTrial(
  model: Model,
  train: Dataset,
  validation: Dataset | undefined,
  settings: TrialSettings,
  loss?: LossFunction,
  lens?: Lens,
): Promise<{ run: BatchRun; theta: Float32Array }> {
  const result = await fit({
    ...(lens === undefined ? {} : { lens }),
    model,
    train,
    ...(validation === undefined ? {} : { validation }),
    ...(loss === undefined ? {} : { loss }),
    optimizer: settings.optimizer,
    ...(settings.optimizerConfig === undefined ? {} : { optimizerConfig: settings.optimizerConfig }),
    learningRate: settings.learningRate,
    epochs: settings.epochs,
    batchSize: settings.requested === 'full' ? 'full' : settings.batchSize,
    seed: settings.seed,
    ...(settings.schedule === undefined ? {} : { schedule: settings.schedule }),
    ...(settings.earlyStopping === undefined ? {} : { earlyStopping: settings.earlyStopping }),
    ...(settings.clipNorm === undefined ? {} : { clipNorm: settings.clipNorm }),
  });
  const final = result.final ?? { train: { loss: Number.NaN } };
  const run: BatchRun = {
    batchSize: settings.batchSize,
    requested: settings.requested,
    learningRate: settings.learningRate,
    updatesPerEpoch: result.history[0]?.updates ?? 0,
    msPerUpdate: median(result.history.map((r) => r.msPerUpdate)),
    msPerEpoch: median(result.history.map((r) => r.msPerEpoch)),
    train: final.train,
    ...(final.validation === undefined ? {} : { validation: final.validation }),
    stopReason: result.stopReason,
    epochs: result.history.length,
    history: result.history,
  };
  return { run, theta: result.theta };
}
