/**
 * One training run described as plain data, so it can run in this thread or in a worker:
 * the model as a spec (or model.json path), the data, and the training settings.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createEventChannel, createLens, type Dataset, type EventChannel, type Lens, type Model } from '@losslens/core';
import { data } from '@losslens/data';
import { isModelPath, l2Penalty, models, resolveModel, specPrefix } from '@losslens/models';
import type { EarlyStoppingOptions } from '../fit/early-stopping.js';
import { fit, type FitResult } from '../fit/fit.js';
import { resolveAugmentation, type AugmentationSpec } from '../fit/resolve-names.js';
import type { OptimizerName } from '../optimizers/create-optimizer.js';
import { optim } from '../plugin.js';

/** A training run as plain data (no functions), fit for a thread boundary. */
export interface FitTask {
  /**
   * A model spec (a plugin's prefix too, with a lens) or a tfjs-layers model.json path (fresh
   * weights from `seed` either way), or a model object (e.g. from `fromLayersModel`), which
   * trains in this thread.
   */
  model: string | Model;
  /** Folder a model.json path resolves against. */
  cwd?: string;
  train: Dataset;
  validation?: Dataset;
  /** A built-in optimizer, or with a lens any registered name. */
  optimizer: OptimizerName | (string & {});
  /** Default: the optimizer's. */
  learningRate?: number;
  epochs: number;
  batchSize: number | 'full';
  seed: number;
  earlyStopping?: EarlyStoppingOptions | boolean;
  clipNorm?: number;
  /** Weight of an L2 penalty `l2 · ‖θ‖²` added to the loss. */
  l2?: number;
  /** An augmentation applied to every training batch, by registry name. */
  augment?: AugmentationSpec;
}

/**
 * Whether every name in `task` resolves to a built-in (`@losslens/*`) contribution, so a worker
 * thread, which knows only the built-ins, can run it.
 * @example
 * if (!builtinOnly(task, lens)) await runFitTask(task, lens); // in this thread
 */
export function builtinOnly(task: FitTask, lens: Lens): boolean {
  const builtin = (owner: string | undefined) => owner === undefined || owner.startsWith('@losslens/');
  const owner = (registry: Lens['models'] | Lens['optimizers'] | Lens['augmentations'], name: string): string | undefined => {
    try {
      return registry.owner(registry.resolve(name).key);
    } catch {
      return undefined; // unknown names fail with their own error when the task runs
    }
  };
  if (typeof task.model !== 'string') return false;
  const model = isModelPath(task.model) ? undefined : owner(lens.models, specPrefix(task.model));
  return builtin(model) && builtin(owner(lens.optimizers, task.optimizer)) && (task.augment === undefined || builtin(owner(lens.augmentations, task.augment.name)));
}

let builtinLens: Promise<Lens> | undefined;

/** The built-ins a worker thread resolves names through (on the backend already active). */
function workerLens(): Promise<Lens> {
  builtinLens ??= createLens({ plugins: [data(), models(), optim()], backend: tf.getBackend() });
  return builtinLens;
}

/**
 * Runs one task with the task's loss (the default for its data) in the current thread, resolving
 * its names through `lens` (default: the built-ins).
 * @example
 * const result = await runFitTask({ model: 'mlp:32:relu', train, optimizer: 'adam', epochs: 10, batchSize: 32, seed: 0 });
 */
export async function runFitTask(task: FitTask, lens?: Lens, events?: EventChannel): Promise<FitResult> {
  const names = lens ?? (task.augment !== undefined ? await workerLens() : undefined);
  const { model } = typeof task.model !== 'string' ? { model: task.model } : await resolveModel(task.model, {
    ...(names ? { models: names.models } : {}),
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
    ...(task.augment !== undefined && names ? { augment: resolveAugmentation(task.augment, names) } : {}),
    ...(names ? { lens: names } : {}),
    ...(events ? { events } : {}),
  });
}

/**
 * A channel that hands each finished epoch of a fit (its `fit` progress events) to `onEpoch`.
 * @example
 * await runFitTask(task, undefined, epochEvents((epoch) => port.postMessage(epoch)));
 */
export function epochEvents(onEpoch: (epoch: number) => void): EventChannel {
  const channel = createEventChannel();
  channel.on((event) => {
    if (event.type === 'progress' && event.task === 'fit') onEpoch(event.done);
  });
  return channel;
}
