/**
 * `watch()`: a callback for the user's own `model.fit`/`fitDataset` (or, through `step`, their own
 * loop) that records the health signals of the run as it trains, on a small fixed probe batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Task } from '@losslens/core';
import type { EpochSignal, HealthSignals } from '@losslens/health';
import { layersCallback, type CallbackBinding, type FitParams, type LayersCallback, type WatchedModel } from './layers-protocol.js';
import { learningRateOf } from './learning-rate.js';
import { compiledLoss, measureLayers, type BatchLoss } from './layer-signals.js';
import { diagnoseWatched, type WatchDiagnosis, type WatchDiagnoseOptions } from './watch-diagnose.js';

/** A probe batch: the user's tensors (the watcher copies its first rows; yours stay yours). */
export interface ProbeBatch {
  x: tf.Tensor;
  y: tf.Tensor;
}

/** Options of {@link watch}. */
export interface WatchOptions extends CallbackBinding {
  /** A small fixed batch the gradients and activations are measured on (usually training rows). */
  probe: ProbeBatch;
  /** Rows of the probe used. Default 128 (all when fewer). */
  probeRows?: number;
  /** Measure every this many epochs (the first and last epochs always). Losses are recorded every epoch. Default 1. */
  every?: number;
  /** Updates per measured epoch whose ‖Δθ‖/‖θ‖ is taken, spread over the epoch. Default 4. */
  updateSamples?: number;
  /** `classification` or `regression`; default: from the compiled loss (cross-entropies → classification). */
  task?: Task;
  /** The loss measured on the probe (batch mean). Default: the compiled model's. Needed for a custom loop without compile. */
  loss?: BatchLoss;
  /** Written by `diagnose()` unless it is given its own: `{ json, markdown, html }` paths. */
  report?: WatchReportPaths;
}

/** Where `diagnose()` writes its reports (any subset). */
export interface WatchReportPaths {
  json?: string;
  markdown?: string;
  html?: string;
}

/** Losses and metrics of one epoch, Keras/tfjs style (`loss`, `val_loss`, `acc`, `val_acc`, …). */
export type EpochLogs = Record<string, number>;

/** The callback `watch()` returns, plus what it recorded. */
export interface Watcher extends LayersCallback {
  /** The signals so far (a copy), in the shape `detectHealth` reads. */
  signals(): HealthSignals;
  /** Every epoch's logs as tfjs reported them (tfjs epoch numbering: 0 is the first trained epoch). */
  readonly history: readonly { epoch: number; logs: EpochLogs }[];
  /** Custom loop: call after each optimizer update (optional; gives the update/weight ratios). */
  update(model: WatchedModel | { model?: unknown }): Promise<void>;
  /** Custom loop: call at the end of each epoch (0-based) with its logs; `last: true` on the final one measures it whatever `every` says. */
  step(options: { model: WatchedModel | { model?: unknown }; epoch: number; logs: EpochLogs; last?: boolean }): Promise<void>;
  /** Custom loop: call once before the first update (measures the initial weights). */
  begin(model: WatchedModel | { model?: unknown }): Promise<void>;
  /** Runs the health detectors, and with `comparisons` the decision tree on your model; writes the reports. */
  diagnose(options?: WatchDiagnoseOptions): Promise<WatchDiagnosis>;
  /** Releases the watcher's tensors (the probe copy, weight snapshots); `fit`'s end does it too. A custom loop calls it when done. */
  dispose(): void;
}

const CLASSIFICATION_LOSSES = /crossentropy|hinge|kullback/i;

/** What the watcher learned about the user's training, for the comparison runs. */
export interface WatchedSettings {
  model?: WatchedModel;
  params: FitParams;
}

/**
 * A tfjs-layers callback that records the run's health signals: per epoch the losses and
 * metrics, and every `every` epochs per trainable weight the probe-gradient norm, weight norm,
 * update/weight ratio and finiteness, and per hidden layer of a chain its dead/saturated share.
 * @example
 * const watcher = watch({ tf, probe: { x, y } });
 * await net.fit(x, y, { epochs: 30, validationSplit: 0.2, callbacks: [watcher] });
 * const { detections } = await watcher.diagnose({ report: { html: 'health.html' } });
 */
export function watch(options: WatchOptions): Watcher {
  const every = options.every ?? 1;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`watch: every must be a whole number ≥ 1, got ${every}`);
  const updateSamples = options.updateSamples ?? 4;
  const rows = Math.min(options.probe.x.shape[0] ?? 0, options.probeRows ?? 128);
  if (!(rows >= 1)) throw new RangeError('watch: the probe batch has no rows');
  if (options.probe.y.shape[0] !== options.probe.x.shape[0]) throw new RangeError(`watch: probe x has ${options.probe.x.shape[0]} rows but y has ${options.probe.y.shape[0]}`);
  let probe: ProbeBatch | undefined;
  const probeTensors = (): ProbeBatch => {
    probe ??= tf.tidy(() => ({ x: tf.keep(tf.slice(options.probe.x, 0, rows)), y: tf.keep(tf.slice(options.probe.y, 0, rows)) }));
    return probe;
  };
  const releaseProbe = () => {
    if (probe !== undefined) tf.dispose([probe.x, probe.y]);
    probe = undefined;
  };
  const epochs: EpochSignal[] = [];
  const history: { epoch: number; logs: EpochLogs }[] = [];
  const settings: WatchedSettings = { params: {} };
  let snapshot: tf.Tensor[] | undefined; // θ before a sampled update
  let deltaSum: tf.Tensor | undefined; // Σ over sampled updates of ‖Δθ_w‖, per weight
  let weightSum: tf.Tensor | undefined; // Σ of ‖θ_w‖ before them
  let sampledUpdates = 0;
  let updatesThisEpoch = 0;
  let currentEpoch = 0; // tfjs numbering
  let lastMeasured = -1;
  let task: Task | undefined = options.task;
  let lossName = '';

  const inner = (m: WatchedModel | { model?: unknown }): WatchedModel => ((m as { model?: unknown }).model ?? m) as WatchedModel;
  const measured = (epoch: number) => epoch % every === 0;
  const stride = () => {
    const steps = settings.params.steps ?? (settings.params.samples && settings.params.batchSize ? Math.ceil(settings.params.samples / settings.params.batchSize) : undefined);
    return steps === undefined || steps === null ? 1 : Math.max(1, Math.floor(steps / updateSamples));
  };
  const wantsSample = (update: number) => measured(currentEpoch) && update % stride() === 0 && update / stride() < updateSamples;
  const lossOf = (model: WatchedModel) => options.loss ?? compiledLoss(model);
  const resetSums = () => {
    tf.dispose([deltaSum, weightSum, ...(snapshot ?? [])].filter((t): t is tf.Tensor => t !== undefined));
    deltaSum = weightSum = snapshot = undefined;
    sampledUpdates = 0;
  };
  const inferTask = (model: WatchedModel) => {
    if (task !== undefined) return;
    const loss = model.loss;
    lossName = typeof loss === 'string' ? loss : Array.isArray(loss) && typeof loss[0] === 'string' ? loss[0] : options.loss ? 'custom' : 'unknown';
    task = CLASSIFICATION_LOSSES.test(lossName) ? 'classification' : 'regression';
  };

  const measure = async (model: WatchedModel, epoch: number, logs: EpochLogs | undefined): Promise<void> => {
    const m = await measureLayers(model, probeTensors(), lossOf(model));
    const ratios = deltaSum !== undefined && weightSum !== undefined && sampledUpdates > 0 ? await readAndDispose(tf.div(deltaSum, weightSum)) : undefined;
    resetSums();
    let learningRate = Number.NaN;
    try {
      if (logs !== undefined) learningRate = learningRateOf(model.optimizer);
    } catch {
      /* no optimizer (custom loop) */
    }
    const signal: EpochSignal = {
      epoch: logs === undefined ? 0 : epoch + 1,
      trainLoss: logs?.loss ?? m.probeLoss,
      probeLoss: m.probeLoss,
      learningRate,
      blocks: m.blocks.map((b, i) => ({ ...b, updateRatio: ratios === undefined ? Number.NaN : (ratios[i] as number) })),
      activations: m.activations,
    };
    const accuracy = logs?.acc ?? logs?.accuracy;
    if (accuracy !== undefined) signal.trainAccuracy = accuracy;
    if (logs?.val_loss !== undefined) signal.validationLoss = logs.val_loss;
    const valAccuracy = logs?.val_acc ?? logs?.val_accuracy;
    if (valAccuracy !== undefined) signal.validationAccuracy = valAccuracy;
    epochs.push(signal);
    lastMeasured = logs === undefined ? -1 : epoch;
  };

  const begin = async (model: WatchedModel) => {
    inferTask(model);
    settings.model = model;
    resetSums();
    epochs.length = 0;
    history.length = 0;
    await measure(model, 0, undefined);
  };
  const beforeUpdate = (model: WatchedModel) => {
    if (!wantsSample(updatesThisEpoch)) return;
    tf.dispose(snapshot);
    snapshot = model.trainableWeights.map((w) => tf.clone(w.read()));
  };
  const afterUpdate = (model: WatchedModel) => {
    updatesThisEpoch += 1;
    if (snapshot === undefined) return;
    const before = snapshot;
    snapshot = undefined;
    const [d, w] = tf.tidy(() => {
      const norm = (t: tf.Tensor) => tf.sqrt(tf.sum(tf.square(t)));
      const delta = tf.stack(model.trainableWeights.map((v, i) => norm(tf.sub(v.read(), before[i] as tf.Tensor))));
      const weight = tf.stack(before.map(norm));
      return [deltaSum === undefined ? delta : tf.add(deltaSum, delta), weightSum === undefined ? weight : tf.add(weightSum, weight)];
    });
    tf.dispose([...before, deltaSum, weightSum].filter((t): t is tf.Tensor => t !== undefined));
    deltaSum = d;
    weightSum = w;
    sampledUpdates += 1;
  };
  const endEpoch = async (model: WatchedModel, epoch: number, logs: EpochLogs, last: boolean) => {
    history.push({ epoch, logs: { ...logs } });
    if (measured(epoch) || last) await measure(model, epoch, logs);
  };

  const callback = layersCallback(
    'watch',
    {
      async trainBegin(model, params) {
        settings.params = params;
        await begin(model);
      },
      epochBegin(_model, epoch) {
        currentEpoch = epoch;
        updatesThisEpoch = 0;
      },
      batchBegin(model) {
        beforeUpdate(model);
      },
      batchEnd(model) {
        afterUpdate(model);
      },
      async epochEnd(model, epoch, logs) {
        const total = settings.params.epochs;
        await endEpoch(model, epoch, logs, total !== undefined && epoch === total - 1);
      },
      async trainEnd(model) {
        // Stopped early (earlyStopping, terminateOnNaN, model.stopTraining): measure the last epoch too.
        const last = history.at(-1);
        if (last !== undefined && last.epoch !== lastMeasured) await measure(model, last.epoch, last.logs);
        resetSums();
        releaseProbe();
      },
    },
    options,
  );

  const watcher = callback as Watcher;
  Object.defineProperty(watcher, 'history', { get: () => history, enumerable: true });
  watcher.signals = (): HealthSignals => {
    const y = probe?.y ?? options.probe.y;
    const outputs = y.shape[y.rank - 1] ?? 1;
    const signals: HealthSignals = {
      model: settings.model?.name === undefined ? 'LayersModel' : `LayersModel "${settings.model.name}"`,
      task: task ?? 'regression',
      outputs,
      probeRows: rows,
      defaultLoss: task === 'classification' ? /^categoricalCrossentropy$|^categorical_crossentropy$/.test(lossName) : /^(meanSquaredError|mse|mean_squared_error)$/.test(lossName),
      epochs: structuredClone(epochs),
    };
    if (signals.task === 'regression') {
      const [variance, meanSquare] = tf.tidy(() => {
        const t = tf.reshape(tf.slice(y, 0, rows), [rows, -1]);
        const { mean, variance: v } = tf.moments(t, 0);
        return [tf.mean(v).dataSync()[0] as number, tf.mean(tf.square(mean)).dataSync()[0] as number];
      });
      signals.targetVariance = variance;
      signals.targetMeanSquare = meanSquare;
    }
    return signals;
  };
  watcher.begin = async (model) => {
    currentEpoch = 0;
    updatesThisEpoch = 0;
    await begin(inner(model));
    beforeUpdate(inner(model));
  };
  watcher.update = async (model) => {
    const m = inner(model);
    afterUpdate(m);
    beforeUpdate(m);
  };
  watcher.step = async ({ model, epoch, logs, last }) => {
    const m = inner(model);
    tf.dispose(snapshot);
    snapshot = undefined;
    await endEpoch(m, epoch, logs, last ?? false);
    currentEpoch = epoch + 1;
    updatesThisEpoch = 0;
    beforeUpdate(m);
  };
  watcher.diagnose = async (diagnoseOptions = {}) =>
    diagnoseWatched(watcher.signals(), settings, { ...diagnoseOptions, report: diagnoseOptions.report ?? options.report ?? {} });
  watcher.dispose = () => {
    resetSums();
    releaseProbe();
  };
  return watcher;
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}
