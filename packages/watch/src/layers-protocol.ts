/**
 * The part of tfjs-layers this package talks to, written as structural types so that it works
 * with the user's own tfjs (no second copy is loaded): a `LayersModel` as callbacks see it, its
 * optimizer, and the CallbackList protocol `model.fit`/`fitDataset` call.
 */
import * as tf from '@tensorflow/tfjs-core';

/** A tfjs-layers weight (`LayerVariable`). */
export interface LayerWeight {
  readonly name: string;
  readonly shape: readonly (number | null)[];
  /** The backing `tf.Variable`. */
  read(): tf.Tensor;
}

/** A tfjs-layers layer, as far as activations are concerned. */
export interface LayerLike {
  readonly name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  apply(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): unknown;
  readonly trainableWeights: readonly LayerWeight[];
}

/** The optimizer a compiled model trains with (a tfjs-core `Optimizer`). */
export interface OptimizerLike {
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  setLearningRate?(rate: number): void;
}

/** What the callbacks need of the model `fit` hands them (`tf.LayersModel`; a Sequential's inner model). */
export interface WatchedModel {
  readonly name?: string;
  stopTraining: boolean;
  readonly layers: readonly LayerLike[];
  readonly trainableWeights: readonly LayerWeight[];
  readonly optimizer?: OptimizerLike;
  /** The compiled per-sample loss functions, `(yTrue, yPred) → [batch]`. */
  readonly lossFunctions?: readonly ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor)[];
  readonly loss?: unknown;
  getWeights(trainableOnly?: boolean): tf.Tensor[];
  setWeights(weights: tf.Tensor[]): void;
  apply(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): unknown;
  save(handler: tf.io.IOHandler): Promise<unknown>;
}

/** Epoch or batch logs as tfjs hands them: numbers, or scalars a callback must read itself. */
export type RawLogs = Record<string, number | tf.Tensor> | undefined;

/** The params `fit` passes to `setParams`. */
export interface FitParams {
  epochs?: number;
  initialEpoch?: number;
  samples?: number | null;
  steps?: number | null;
  batchSize?: number;
  doValidation?: boolean;
  metrics?: string[];
  [key: string]: unknown;
}

/**
 * A callback in tfjs-layers' CallbackList protocol. Pass it in `model.fit(x, y, { callbacks })`
 * alone, in a list, or beside tfjs's own callbacks: tfjs calls these methods either directly or
 * through its `CustomCallback` wrapper, and the model is read from `this.model` in both cases.
 */
export interface LayersCallback {
  model?: WatchedModel;
  params?: FitParams;
  validationData?: unknown;
  setParams(params: FitParams): void;
  setModel(model: WatchedModel): void;
  onTrainBegin(logs?: RawLogs): Promise<void>;
  onTrainEnd(logs?: RawLogs): Promise<void>;
  onEpochBegin(epoch: number, logs?: RawLogs): Promise<void>;
  onEpochEnd(epoch: number, logs?: RawLogs): Promise<void>;
  onBatchBegin(batch: number, logs?: RawLogs): Promise<void>;
  onBatchEnd(batch: number, logs?: RawLogs): Promise<void>;
}

/** The hooks a callback implements; every one gets the model `fit` trains. */
export interface CallbackHooks {
  trainBegin?(model: WatchedModel, params: FitParams): void | Promise<void>;
  trainEnd?(model: WatchedModel): void | Promise<void>;
  epochBegin?(model: WatchedModel, epoch: number): void | Promise<void>;
  epochEnd?(model: WatchedModel, epoch: number, logs: Record<string, number>): void | Promise<void>;
  batchBegin?(model: WatchedModel, batch: number): void | Promise<void>;
  batchEnd?(model: WatchedModel, batch: number, logs: Record<string, number>): void | Promise<void>;
}

/**
 * How a callback finds the model `fit` trains. tfjs calls a callback's methods directly (and
 * hands it the model) only when it is a `tf.Callback` and the list starts with one; a plain
 * object is wrapped in tfjs's `CustomCallback`, which keeps no model. So give one of these.
 */
export interface CallbackBinding {
  /**
   * Your tfjs namespace (`import * as tf from '@tensorflow/tfjs'`): the callback becomes a
   * `tf.Callback` of your copy of tfjs, usable anywhere in the list. No second tfjs is loaded.
   */
  tf?: { Callback: abstract new (...args: never[]) => object };
  /** The model you will train: lets the callback work when tfjs wraps it as a plain object. */
  model?: WatchedModel | { model?: unknown };
}

/** Reads logs' scalars (tfjs may hand unresolved ones to callbacks called directly). */
export async function resolveLogs(logs: RawLogs): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  if (logs === undefined || logs === null) return out;
  for (const [key, value] of Object.entries(logs)) {
    out[key] = typeof value === 'number' ? value : ((await value.data())[0] as number);
  }
  return out;
}

/**
 * Builds a callback in the CallbackList protocol from hooks that take the model.
 * @example
 * const logEpochs = layersCallback('log', { epochEnd: (model, epoch, logs) => console.log(epoch, logs.loss) });
 * await net.fit(x, y, { epochs: 5, callbacks: [logEpochs] });
 */
export function layersCallback(name: string, hooks: CallbackHooks, binding: CallbackBinding = {}): LayersCallback {
  let params: FitParams = {};
  // A Sequential trains its inner LayersModel; tfjs hands that one to callbacks.
  const given = binding.model === undefined ? undefined : (((binding.model as { model?: unknown }).model ?? binding.model) as WatchedModel);
  const modelOf = (self: { model?: WatchedModel } | undefined): WatchedModel => {
    const model = (self?.model as WatchedModel | undefined) ?? given;
    if (model === undefined) {
      throw new Error(`${name}: tfjs wrapped the callback as a plain object and gave it no model; pass your tfjs namespace ({ tf }) or the model ({ model }) to ${name}()`);
    }
    return model;
  };
  const callback: LayersCallback = {
    setParams(p: FitParams) {
      params = p;
      this.params = p;
    },
    setModel(model: WatchedModel) {
      this.model = model;
    },
    async onTrainBegin(this: LayersCallback) {
      // Through tfjs's CustomCallback wrapper `this` is the wrapper: its params are the fit's.
      await hooks.trainBegin?.(modelOf(this), (this as { params?: FitParams }).params ?? params);
    },
    async onTrainEnd(this: LayersCallback) {
      await hooks.trainEnd?.(modelOf(this));
    },
    async onEpochBegin(this: LayersCallback, epoch: number) {
      await hooks.epochBegin?.(modelOf(this), epoch);
    },
    async onEpochEnd(this: LayersCallback, epoch: number, logs?: RawLogs) {
      if (hooks.epochEnd) await hooks.epochEnd(modelOf(this), epoch, await resolveLogs(logs));
    },
    async onBatchBegin(this: LayersCallback, batch: number) {
      await hooks.batchBegin?.(modelOf(this), batch);
    },
    async onBatchEnd(this: LayersCallback, batch: number, logs?: RawLogs) {
      if (hooks.batchEnd) await hooks.batchEnd(modelOf(this), batch, await resolveLogs(logs));
    },
  };
  if (binding.tf !== undefined) {
    Object.setPrototypeOf(callback, binding.tf.Callback.prototype);
    (callback as { validationData?: unknown }).validationData = null;
  }
  return callback;
}
