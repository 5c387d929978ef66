/**
 * One training run described as plain data, so it can run in this thread or in a worker:
 * the model as a spec (or model.json path), the data, and the training settings.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@losslens/core';
import { l2Penalty, resolveModel } from '@losslens/models';
import type { EarlyStoppingOptions } from '../fit/early-stopping.js';
import { fit, type FitResult } from '../fit/fit.js';
import type { OptimizerName } from '../optimizers/create-optimizer.js';

/** A training run as plain data (no functions), fit for a thread boundary. */
export interface FitTask {
  /** A model spec or a tfjs-layers model.json path (fresh weights from `seed` either way). */
  model: string;
  /** Folder a model.json path resolves against. */
  cwd?: string;
  train: Dataset;
  validation?: Dataset;
  optimizer: OptimizerName;
  /** Default: the optimizer's. */
  learningRate?: number;
  epochs: number;
  batchSize: number | 'full';
  seed: number;
  earlyStopping?: EarlyStoppingOptions | boolean;
  clipNorm?: number;
  /** Weight of an L2 penalty `l2 · ‖θ‖²` added to the loss. */
  l2?: number;
}

/**
 * Runs one task with the task's loss (the default for its data) in the current thread.
 * @example
 * const result = await runFitTask({ model: 'mlp:32:relu', train, optimizer: 'adam', epochs: 10, batchSize: 32, seed: 0 });
 */
export async function runFitTask(task: FitTask): Promise<FitResult> {
  const { model } = await resolveModel(task.model, {
    inputShape: task.train.featureShape,
    outputs: task.train.outputs,
    task: task.train.task,
    ...(task.cwd !== undefined ? { cwd: task.cwd } : {}),
  });
  const l2 = task.l2;
  return fit({
    model,
    train: task.train,
    ...(task.validation !== undefined ? { validation: task.validation } : {}),
    optimizer: task.optimizer,
    ...(task.learningRate !== undefined ? { learningRate: task.learningRate } : {}),
    epochs: task.epochs,
    batchSize: task.batchSize,
    seed: task.seed,
    ...(task.earlyStopping !== undefined ? { earlyStopping: task.earlyStopping } : {}),
    ...(task.clipNorm !== undefined ? { clipNorm: task.clipNorm } : {}),
    ...(l2 !== undefined ? { regularizer: (theta: tf.Tensor1D) => l2Penalty(theta, l2) } : {}),
  });
}
