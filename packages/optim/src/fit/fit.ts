/**
 * The training loop over one flat parameter vector θ: one `tf.tidy` per update around
 * `tf.valueAndGrad`, metrics accumulated on the device and read back once per epoch.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  createRng,
  InputError,
  silentChannel,
  type Augmentation,
  type Batch,
  type Lens,
  type Dataset,
  type EventChannel,
  type LossFunction,
  type Model,
  type Optimizer,
  type Schedule,
} from '@losslens/core';
import { batchIndices, toTensors } from '@losslens/data';
import type { OptimizerName } from '../optimizers/create-optimizer.js';
import { numberOption } from '../optimizers/options.js';
import type { ScheduleSpec } from '../schedules/create-schedule.js';
import { resolveOptimizer, resolveSchedule } from './resolve-names.js';
import type { ScheduleAt } from '../schedules/schedules.js';
import { createEarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { accuracyFor, checkCompatible, chunkBatch, defaultLoss, metricsOnDevice, sliceRows, type Metrics } from './evaluate.js';
import { createWeightAverage } from './swa.js';

/** One epoch of training, as measured. Losses are means over rows; epochs count from 1. */
export interface EpochRecord {
  epoch: number;
  /** Mean of the mini-batch losses during the epoch (data loss, without the regularizer), as Keras reports it. */
  trainLoss: number;
  trainAccuracy?: number;
  /** Loss on the validation data at the end of the epoch. */
  validationLoss?: number;
  validationAccuracy?: number;
  /** Mean over the epoch's updates of the mini-batch gradient norm ‖∇θ‖ (before clipping). */
  gradientNorm: number;
  /** The rate of the epoch's last update. */
  learningRate: number;
  updates: number;
  /** Training time of the epoch divided by its updates, in ms. */
  msPerUpdate: number;
  /** Training time of the epoch (without validation), in ms. */
  msPerEpoch: number;
}

/** Why training ended. `stopped`: a hook asked for it or the abort signal fired. */
export type StopReason = 'completed' | 'early-stopping' | 'diverged' | 'stopped';

/** What hooks see at an epoch boundary. `theta` is valid only during the call; do not dispose it. */
export interface EpochContext {
  epoch: number;
  epochs: number;
  model: Model;
  theta: tf.Tensor1D;
}

/** What hooks see around one update. `theta` is valid only during the call; do not dispose it. */
export interface BatchContext {
  epoch: number;
  /** 0-based batch index within the epoch. */
  batch: number;
  /** 0-based update count since the start. */
  step: number;
  size: number;
  learningRate: number;
  theta: tf.Tensor1D;
}

/** Callbacks around epochs and updates (e.g. a plugin's logger or a custom stopping rule). */
export interface FitHooks {
  beforeEpoch?(context: EpochContext): void | Promise<void>;
  /** Return `'stop'` to end training after this epoch. */
  afterEpoch?(context: EpochContext & { record: EpochRecord }): void | 'stop' | Promise<void | 'stop'>;
  /** Synchronous, called before each update. */
  beforeBatch?(context: BatchContext): void;
  /** Synchronous, called after each update (`theta` is the new θ). */
  afterBatch?(context: BatchContext): void;
}

/** Divergence detection: stop when the epoch's loss is NaN/±Inf or exceeds `factor` × the first batch's loss. */
export interface DivergenceOptions {
  /** Default 1000. */
  factor?: number;
}

/** Stochastic Weight Averaging over epoch-end θ from `startEpoch` (1-based) on. */
export interface SwaOptions {
  startEpoch: number;
  /** Constant rate from `startEpoch` on (replaces the schedule). Default: keep the schedule. */
  learningRate?: number;
}

/** Options of {@link fit}. */
export interface FitOptions {
  model: Model;
  train: Dataset;
  validation?: Dataset;
  /** Default: the task's loss (`mse` / softmax cross-entropy, see models' `lossForTask`). */
  loss?: LossFunction;
  /**
   * An optimizer name (default `adam`, see `optimizerNames`; with a lens any registered key or
   * short name, e.g. a plugin's `mine/sgd2`) or an instance (then the caller disposes it).
   */
  optimizer?: OptimizerName | (string & {}) | Optimizer;
  /** Where names (optimizer, schedule) resolve: built-ins and plugins. Default: this package's built-ins. */
  lens?: Lens;
  /** Options for a named optimizer, e.g. `{ beta1: 0.8 }`. */
  optimizerConfig?: Record<string, unknown>;
  /** Base learning rate. Default: the optimizer's (`defaultLearningRates`), 0.01 for an instance. */
  learningRate?: number;
  epochs: number;
  /** Rows per update, or `'full'` for full-batch gradient descent. */
  batchSize: number | 'full';
  /** One seed for initialization, shuffling, dropout and augmentation. Default 0. */
  seed?: number;
  /** A function, a built-in spec (`{ name: 'cosine', totalEpochs: 20 }`), or with a lens a plugin schedule's `{ name, ...config }`. */
  schedule?: Schedule | ScheduleSpec | { name: string; [option: string]: unknown };
  /** `true` for the defaults. */
  earlyStopping?: EarlyStoppingOptions | boolean;
  /** Clip the gradient to this L2 norm (PyTorch `clip_grad_norm_`). */
  clipNorm?: number;
  /** A penalty on θ added to the loss, e.g. `(t) => l2Penalty(t, 1e-4)`. */
  regularizer?: (theta: tf.Tensor1D) => tf.Scalar;
  /** Applied to every training batch (never to validation data). */
  augment?: Augmentation;
  /** Start here instead of `model.init(seed)`. */
  initialTheta?: Float32Array;
  events?: EventChannel;
  hooks?: FitHooks | readonly FitHooks[];
  /** Default `{ factor: 1000 }`; `false` to train on regardless. */
  divergence?: DivergenceOptions | false;
  /** Reshuffle before every epoch. Default true. */
  shuffle?: boolean;
  /** Drop a last batch smaller than `batchSize`. Default false. */
  dropLast?: boolean;
  swa?: SwaOptions;
  /** Evaluate train (and validation) loss at the returned θ. Default true. */
  finalEvaluation?: boolean;
  /** Rows per forward pass when evaluating. Default 4096. */
  evaluationBatchSize?: number;
  /** Checked after every epoch; when aborted, training stops with `stopReason: 'stopped'`. */
  signal?: AbortSignal;
}

/** What {@link fit} returns. */
export interface FitResult {
  /** The returned parameters: the best epoch's with early stopping (restoreBestWeights), else the last good epoch's. */
  theta: Float32Array;
  history: EpochRecord[];
  stopReason: StopReason;
  /** The epoch whose θ is returned (0: the initial θ). */
  bestEpoch: number;
  /** Total updates taken. */
  updates: number;
  /** Loss of the very first mini-batch, at the initial θ. */
  initialLoss: number;
  /** Why training diverged, when it did. */
  divergence?: { epoch: number; reason: string };
  /** Train and validation metrics at the returned θ (unless `finalEvaluation: false`). */
  final?: { train: Metrics; validation?: Metrics };
  /** The SWA average and its metrics, when `swa` was asked for and reached. */
  swa?: { theta: Float32Array; averaged: number; train?: Metrics; validation?: Metrics };
  /** Wall time of the whole call, in ms. */
  msTotal: number;
}

const now = (): number => performance.now();

/**
 * Reads a tensor made by `make` without a synchronous download (WebGPU cannot read synchronously),
 * then disposes it.
 */
async function readAsync(make: () => tf.Tensor): Promise<Float32Array> {
  const t = tf.tidy(make);
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}
const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/**
 * Trains `model` on `train` by mini-batch gradient descent over θ and measures every epoch:
 * losses, accuracies, gradient norm, time per update and per epoch. Stops early (with the best
 * weights restored), stops and reports on divergence, calls hooks, and emits
 * `{ type: 'progress', task: 'fit', done: epoch, total: epochs }` events. Leaves no tensors.
 * @example
 * const model = createModel('mlp:64:relu', { inputShape: [4], outputs: 3, task: 'classification' });
 * const result = await fit({ model, train, validation, optimizer: 'adam', epochs: 50, batchSize: 32,
 *   earlyStopping: { patience: 5 } });
 * console.log(result.stopReason, result.history.at(-1)?.validationLoss);
 */
export async function fit(options: FitOptions): Promise<FitResult> {
  const started = now();
  const { model, train, validation } = options;
  const epochs = numberOption('fit', 'epochs', options.epochs, 1, { min: 1, integer: true });
  const seed = numberOption('fit', 'seed', options.seed, 0, { integer: true });
  if (options.batchSize !== 'full') numberOption('fit', 'batchSize', options.batchSize, 1, { min: 1, integer: true });
  const clipNorm = options.clipNorm === undefined ? undefined : numberOption('fit', 'clipNorm', options.clipNorm, 1, { above: 0 });
  const evaluationBatchSize = numberOption('fit', 'evaluationBatchSize', options.evaluationBatchSize, 4096, { min: 1, integer: true });
  checkCompatible(model, train, 'training');
  if (validation !== undefined) checkCompatible(model, validation, 'validation');
  if (train.n === 0) throw new InputError('E_TOO_FEW_ROWS', `training data "${train.name}" has no rows`);
  if (validation !== undefined && validation.n === 0) throw new InputError('E_TOO_FEW_ROWS', `validation data "${validation.name}" has no rows`);
  const initial = options.initialTheta ?? model.init(seed);
  if (initial.length !== model.parameterCount) {
    throw new InputError('E_SHAPE', `initialTheta has ${initial.length} values but model "${model.spec}" has ${model.parameterCount} parameters`);
  }
  const optimizerOption = options.optimizer ?? 'adam';
  const named = typeof optimizerOption === 'string' ? resolveOptimizer(optimizerOption, options.lens) : undefined;
  const baseRate = numberOption('fit', 'learningRate', options.learningRate, named?.defaultRate ?? 0.01, { above: 0 });
  const schedule: Schedule | undefined = options.schedule === undefined ? undefined : resolveSchedule(options.schedule, options.lens);
  const earlyStopping =
    options.earlyStopping === undefined || options.earlyStopping === false
      ? undefined
      : createEarlyStopping(options.earlyStopping === true ? {} : options.earlyStopping, validation !== undefined);
  if (earlyStopping?.monitor.endsWith('Accuracy') === true && train.task !== 'classification') {
    throw new InputError('E_VALUE', `earlyStopping: monitor "${earlyStopping.monitor}" needs a classification task, "${train.name}" is ${train.task}`);
  }
  const divergenceFactor =
    options.divergence === false ? undefined : numberOption('fit', 'divergence.factor', options.divergence?.factor, 1000, { above: 1 });
  const swaStart = options.swa === undefined ? undefined : numberOption('fit', 'swa.startEpoch', options.swa.startEpoch, 1, { min: 1, integer: true });
  const swaRate = options.swa?.learningRate === undefined ? undefined : numberOption('fit', 'swa.learningRate', options.swa.learningRate, 0, { above: 0 });
  const hooks: readonly FitHooks[] = options.hooks === undefined ? [] : Array.isArray(options.hooks) ? options.hooks : [options.hooks as FitHooks];
  const batchHooks = hooks.filter((h) => h.beforeBatch !== undefined || h.afterBatch !== undefined);
  const events = options.events ?? silentChannel;
  const loss = options.loss ?? defaultLoss(model, train.task);
  const accuracyOf = train.task === 'classification' ? accuracyFor(model) : undefined;
  const shuffle = options.shuffle ?? true;
  const dropLast = options.dropLast ?? false;

  const rng = createRng(seed);
  const batchRng = rng.fork('batches');
  const dropoutRng = rng.fork('dropout');
  const augmentRng = rng.fork('augment');

  const ownsOptimizer = named !== undefined;
  const optimizer = named !== undefined ? named.create(options.optimizerConfig ?? {}, model.layout) : (optimizerOption as Optimizer);

  // Tensors this call owns; all disposed in `finally`.
  const owned: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => {
    owned.push(t);
    return t;
  };
  // θ tensors are immutable; a θ is disposed once nothing refers to it any more.
  let current = tf.tensor1d(initial);
  let lastGood = current; // θ at the end of the last epoch that did not diverge
  let best: tf.Tensor1D | undefined;
  const release = (t: tf.Tensor1D | undefined) => {
    if (t !== undefined && t !== current && t !== lastGood && t !== best && !t.isDisposed) t.dispose();
  };
  const swa = swaStart === undefined ? undefined : createWeightAverage();

  const history: EpochRecord[] = [];
  let stopReason: StopReason = 'completed';
  let divergence: FitResult['divergence'];
  let updates = 0;
  let initialLoss = Number.NaN;

  // The batch the gradient closure reads; set before each update.
  let batchX: tf.Tensor | undefined;
  let batchY: tf.Tensor | undefined;
  let dropoutSeed = 0;
  let keptAccuracy: tf.Scalar | undefined;
  const objective = (theta: tf.Tensor): tf.Scalar => {
    const x = batchX as tf.Tensor;
    const y = batchY as tf.Tensor;
    const prediction = model.apply(theta as tf.Tensor1D, x, { training: true, seed: dropoutSeed });
    if (accuracyOf !== undefined) keptAccuracy = tf.keep(accuracyOf(prediction, y));
    const dataLoss = loss(prediction, y);
    return options.regularizer === undefined ? dataLoss : tf.add(dataLoss, options.regularizer(theta as tf.Tensor1D));
  };
  const valueAndGradient = tf.valueAndGrad(objective);
  // Running sums of the epoch (loss·rows, accuracy·rows, gradient norms), on the device.
  let lossSum: tf.Scalar | undefined;
  let accuracySum: tf.Scalar | undefined;
  let normSum: tf.Scalar | undefined;

  try {
    const trainBatch = toTensorsOwned(train, own);
    const validationChunks =
      validation === undefined ? undefined : chunkBatch(toTensorsOwned(validation, own), evaluationBatchSize).map((c) => ownBatch(c, own));
    let fixedBatches: Batch[] | undefined; // reused every epoch when the order never changes

    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (const h of hooks) await h.beforeEpoch?.({ epoch, epochs, model, theta: current });
      const epochStarted = now();
      const order = batchIndices(train.n, options.batchSize, batchRng, { shuffle, dropLast });
      if (order.length === 0) {
        throw new InputError('E_TOO_FEW_ROWS', `training data "${train.name}" has ${train.n} rows, fewer than one batch of ${String(options.batchSize)} with dropLast`);
      }
      const single = order.length === 1 && (order[0]?.length ?? 0) === train.n;
      if (fixedBatches === undefined && (single || !shuffle)) {
        fixedBatches = single
          ? [trainBatch]
          : order.map((rows) => ownBatch({ x: sliceRows(trainBatch.x, rows[0] ?? 0, rows.length), y: sliceRows(trainBatch.y, rows[0] ?? 0, rows.length) }, own));
      }
      lossSum = tf.scalar(0);
      accuracySum = tf.scalar(0);
      normSum = tf.scalar(0);
      let rows = 0;
      let rate = baseRate;
      for (let b = 0; b < order.length; b++) {
        const indices = order[b] as number[];
        const size = indices.length;
        let batch: Batch;
        if (fixedBatches !== undefined) {
          batch = fixedBatches[b] as Batch;
        } else {
          batch = tf.tidy(() => {
            const index = tf.tensor1d(Int32Array.from(indices), 'int32');
            // the rows copied on the host and uploaded: the wasm GatherV2 kernel takes ~50 ns per
            // element (13 ms for 256 MNIST rows), row copies and one upload well under 1 ms
            return { x: tf.tensor(featureRows(train, indices), [size, ...train.featureShape], 'float32'), y: tf.gather(trainBatch.y, index) };
          });
        }
        const input = options.augment === undefined ? batch : options.augment(batch, augmentRng);
        const at: ScheduleAt = { step: updates, epoch: epoch - 1, baseRate, stepsPerEpoch: order.length };
        rate = swaStart !== undefined && swaRate !== undefined && epoch >= swaStart ? swaRate : schedule === undefined ? baseRate : schedule(at);
        if (batchHooks.length > 0) {
          for (const h of batchHooks) h.beforeBatch?.({ epoch, batch: b, step: updates, size, learningRate: rate, theta: current });
        }
        batchX = input.x;
        batchY = input.y;
        dropoutSeed = dropoutRng.int(2 ** 31);
        const first = updates === 0;
        const sums = { loss: lossSum, accuracy: accuracySum, norm: normSum };
        const [next, newLoss, newAccuracy, newNorm, batchLoss] = tf.tidy(() => {
          const { value, grad } = valueAndGradient(current);
          const dataLoss = options.regularizer === undefined ? value : tf.sub(value, options.regularizer(current));
          const norm = tf.sqrt(tf.sum(tf.square(grad))) as tf.Scalar; // = tf.norm, without its pow and abs kernels
          const g = clipNorm === undefined ? grad : (tf.mul(grad, tf.minimum(tf.div(clipNorm, tf.add(norm, 1e-6)), 1)) as tf.Tensor1D);
          const stepped = optimizer.step(current, g as tf.Tensor1D, rate);
          return [
            stepped,
            tf.add(sums.loss, tf.mul(dataLoss, size)),
            keptAccuracy === undefined ? sums.accuracy : tf.add(sums.accuracy, tf.mul(keptAccuracy, size)),
            tf.add(sums.norm, norm),
            first ? dataLoss : undefined,
          ] as const;
        });
        keptAccuracy?.dispose();
        keptAccuracy = undefined;
        if (batchLoss !== undefined) {
          initialLoss = ((await batchLoss.data())[0] as number) ?? Number.NaN;
          batchLoss.dispose();
        }
        if (input !== batch) disposeBatchExcept(input, batch);
        if (fixedBatches === undefined) tf.dispose([batch.x, batch.y]);
        if (newAccuracy !== sums.accuracy) sums.accuracy.dispose();
        sums.loss.dispose();
        sums.norm.dispose();
        lossSum = newLoss as tf.Scalar;
        accuracySum = newAccuracy as tf.Scalar;
        normSum = newNorm as tf.Scalar;
        const previous = current;
        current = next as tf.Tensor1D;
        release(previous);
        updates += 1;
        rows += size;
        if (batchHooks.length > 0) {
          for (const h of batchHooks) h.afterBatch?.({ epoch, batch: b, step: updates - 1, size, learningRate: rate, theta: current });
        }
      }
      const epochSums = { loss: lossSum, accuracy: accuracySum, norm: normSum };
      const sums = await readAsync(() => tf.stack([epochSums.loss, epochSums.accuracy, epochSums.norm]));
      tf.dispose([lossSum, accuracySum, normSum]);
      lossSum = accuracySum = normSum = undefined;
      const msPerEpoch = now() - epochStarted;
      const record: EpochRecord = {
        epoch,
        trainLoss: (sums[0] as number) / rows,
        ...(accuracyOf === undefined ? {} : { trainAccuracy: (sums[1] as number) / rows }),
        gradientNorm: (sums[2] as number) / order.length,
        learningRate: rate,
        updates: order.length,
        msPerUpdate: msPerEpoch / order.length,
        msPerEpoch,
      };
      if (validationChunks !== undefined) {
        const values = await readAsync(() => {
          const m = metricsOnDevice(model, current, validationChunks, loss, accuracyOf);
          return tf.stack(m.accuracy === undefined ? [m.loss] : [m.loss, m.accuracy]);
        });
        record.validationLoss = values[0] as number;
        if (values.length > 1) record.validationAccuracy = values[1] as number;
      }
      history.push(record);
      events.emit({ type: 'progress', task: 'fit', done: epoch, total: epochs, message: `loss ${record.trainLoss.toPrecision(4)}` });

      const problem = divergenceOf(record, initialLoss, divergenceFactor);
      if (problem !== undefined) {
        stopReason = 'diverged';
        divergence = { epoch, reason: problem };
        break;
      }
      const previousGood = lastGood;
      lastGood = current;
      release(previousGood);
      if (swa !== undefined && swaStart !== undefined && epoch >= swaStart) swa.add(current);
      let stop = false;
      if (earlyStopping !== undefined) {
        const step = earlyStopping.update(epoch, record[earlyStopping.monitor] ?? Number.NaN);
        if (step.improved && earlyStopping.restoreBestWeights) {
          const previousBest = best;
          best = current;
          release(previousBest);
        }
        if (step.stop) {
          stopReason = 'early-stopping';
          stop = true;
        }
      }
      for (const h of hooks) {
        if ((await h.afterEpoch?.({ epoch, epochs, model, theta: current, record })) === 'stop' && !stop) {
          stopReason = 'stopped';
          stop = true;
        }
      }
      if (!stop && options.signal?.aborted === true) {
        stopReason = 'stopped';
        stop = true;
      }
      if (stop) break;
      await yieldToEventLoop();
    }

    const restoring = earlyStopping?.restoreBestWeights === true && best !== undefined;
    const chosen = restoring ? (best as tf.Tensor1D) : lastGood;
    const bestEpoch = restoring ? (earlyStopping?.bestEpoch ?? 0) : stopReason === 'diverged' ? history.length - 1 : history.length;
    const theta = Float32Array.from(await chosen.data());
    const measure = async (at: tf.Tensor1D): Promise<{ train: Metrics; validation?: Metrics }> => {
      const trainChunks = chunkBatch(trainBatch, evaluationBatchSize);
      try {
        const read = async (chunks: readonly Batch[]): Promise<Metrics> => {
          const v = await readAsync(() => {
            const m = metricsOnDevice(model, at, chunks, loss, accuracyOf);
            return tf.stack(m.accuracy === undefined ? [m.loss] : [m.loss, m.accuracy]);
          });
          return v.length > 1 ? { loss: v[0] as number, accuracy: v[1] as number } : { loss: v[0] as number };
        };
        const trainMetrics = await read(trainChunks);
        return validationChunks === undefined ? { train: trainMetrics } : { train: trainMetrics, validation: await read(validationChunks) };
      } finally {
        for (const c of trainChunks) if (c.x !== trainBatch.x) tf.dispose([c.x, c.y]);
      }
    };
    const result: FitResult = {
      theta,
      history,
      stopReason,
      bestEpoch,
      updates,
      initialLoss,
      msTotal: 0,
    };
    if (divergence !== undefined) result.divergence = divergence;
    if (options.finalEvaluation !== false) result.final = await measure(chosen);
    const average = swa?.tensor();
    if (swa !== undefined && average !== undefined) {
      result.swa = { theta: Float32Array.from(await average.data()), averaged: swa.count, ...(options.finalEvaluation !== false ? await measure(average) : {}) };
    }
    result.msTotal = now() - started;
    return result;
  } finally {
    const thetas = new Set([current, lastGood, best]);
    for (const t of thetas) if (t !== undefined && !t.isDisposed) t.dispose();
    keptAccuracy?.dispose();
    tf.dispose([lossSum, accuracySum, normSum].filter((t): t is tf.Scalar => t !== undefined && !t.isDisposed));
    swa?.dispose();
    for (const t of owned) if (!t.isDisposed) t.dispose();
    if (ownsOptimizer) optimizer.dispose();
  }
}

/** `toTensors(ds)` with both tensors registered for disposal. */
/** The feature rows `indices` of `ds`, in that order, as one flat array. */
function featureRows(ds: Dataset, indices: readonly number[]): Float32Array {
  const width = ds.features.length / ds.n;
  const out = new Float32Array(indices.length * width);
  indices.forEach((row, i) => out.set(ds.features.subarray(row * width, (row + 1) * width), i * width));
  return out;
}

function toTensorsOwned(ds: Dataset, own: <T extends tf.Tensor>(t: T) => T): Batch {
  const { x, y } = toTensors(ds);
  return { x: own(x), y: own(y) };
}

function ownBatch(batch: Batch, own: <T extends tf.Tensor>(t: T) => T): Batch {
  return { x: own(batch.x), y: own(batch.y) };
}

function disposeBatchExcept(batch: Batch, keep: Batch): void {
  if (batch.x !== keep.x && batch.x !== keep.y) batch.x.dispose();
  if (batch.y !== keep.x && batch.y !== keep.y) batch.y.dispose();
}

function divergenceOf(record: EpochRecord, initialLoss: number, factor: number | undefined): string | undefined {
  if (factor === undefined) return undefined;
  if (!Number.isFinite(record.trainLoss)) return `training loss is ${record.trainLoss} in epoch ${record.epoch}`;
  if (!Number.isFinite(record.gradientNorm)) return `gradient norm is ${record.gradientNorm} in epoch ${record.epoch}`;
  if (record.validationLoss !== undefined && !Number.isFinite(record.validationLoss)) {
    return `validation loss is ${record.validationLoss} in epoch ${record.epoch}`;
  }
  if (Number.isFinite(initialLoss) && initialLoss > 0 && record.trainLoss > factor * initialLoss) {
    return `training loss ${record.trainLoss.toPrecision(4)} in epoch ${record.epoch} exceeds ${factor} × the initial ${initialLoss.toPrecision(4)}`;
  }
  if (!Number.isFinite(initialLoss)) return `the first batch's loss is ${initialLoss}`;
  return undefined;
}
