/**
 * Records a run's health signals through optim's `fit` hooks: per epoch the losses, and per
 * parameter block the probe-batch gradient norm, the weight norm and the update/weight ratio,
 * and per layer the activation statistics on a fixed probe batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { InputError, type Dataset, type LossFunction, type Model } from '@losslens/core';
import { subset, toTensors } from '@losslens/data';
import { layerOutputs, lossForTask, type LosslensModel } from '@losslens/models';
import type { EpochRecord, FitHooks, FitResult } from '@losslens/optim';
import { activationStats } from './activation-stats.js';
import { blockNorms } from './block-norms.js';
import type { ActivationSignal, BlockSignal, EpochSignal, HealthSignals } from './signals.js';

/** Options of {@link recordHealth}. */
export interface RecordHealthOptions {
  model: Model;
  /** Where the probe batch comes from (usually the training data): its first `probeRows` rows. */
  probe: Dataset;
  /** Rows of the probe batch. Default 256 (all rows when fewer). */
  probeRows?: number;
  /** The loss `fit` trains on. Default: the task's (MSE / softmax cross-entropy). */
  loss?: LossFunction;
}

/** What {@link recordHealth} returns: hooks for `fit`, then `finish` for the signals. */
export interface HealthRecorder {
  /** Pass to `fit({ hooks })` (alone or in a list with other hooks). */
  readonly hooks: FitHooks;
  /**
   * The recorded signals. Pass the fit's result so that an epoch that diverged (fit calls no
   * `afterEpoch` for it) is recorded too. Releases the recorder's tensors; call once.
   */
  finish(result?: FitResult): Promise<HealthSignals>;
  /** Releases the recorder's tensors without producing signals (e.g. when fit threw). */
  dispose(): void;
}

/**
 * Makes `fit` hooks that record {@link HealthSignals}: epoch 0 at the initial θ, then one
 * {@link EpochSignal} per epoch. Costs one forward/backward pass on the probe batch per epoch
 * plus per-block norms of each update. Leaves no tensors once `finish` or `dispose` ran.
 * @example
 * const recorder = recordHealth({ model, probe: train });
 * const result = await fit({ model, train, epochs: 20, batchSize: 32, hooks: recorder.hooks });
 * const signals = await recorder.finish(result);
 * const findings = detectHealth(signals);
 */
export function recordHealth(options: RecordHealthOptions): HealthRecorder {
  const { model, probe } = options;
  const probeRows = Math.min(probe.n, options.probeRows ?? 256);
  if (!Number.isInteger(probeRows) || probeRows < 1) throw new InputError('E_VALUE', `recordHealth: probeRows must be a whole number ≥ 1 (probe "${probe.name}" has ${probe.n} rows)`);
  const loss = options.loss ?? lossForTask(probe.task, model as Partial<LosslensModel> as LosslensModel);
  const layout = model.layout;
  const epochs: EpochSignal[] = [];

  let probeX: tf.Tensor | undefined;
  let probeY: tf.Tensor | undefined;
  let kept: tf.Tensor1D | undefined; // θ after the last update (or at the start)
  let deltaSum: tf.Tensor1D | undefined; // Σ over the epoch's updates of ‖Δθ_b‖
  let weightSum: tf.Tensor1D | undefined; // Σ of ‖θ_b‖ before each update
  let updates = 0;
  let disposed = false;

  const probeTensors = (): { x: tf.Tensor; y: tf.Tensor } => {
    if (probeX === undefined || probeY === undefined) {
      const rows = probeRows === probe.n ? probe : subset(probe, Array.from({ length: probeRows }, (_, i) => i));
      const t = toTensors(rows);
      probeX = t.x;
      probeY = t.y;
    }
    return { x: probeX, y: probeY };
  };
  const valueAndGradient = tf.valueAndGrad((theta: tf.Tensor) => {
    const { x, y } = probeTensors();
    return loss(model.apply(theta as tf.Tensor1D, x), y);
  });

  const measure = async (theta: tf.Tensor1D, epoch: number, record: EpochRecord | undefined): Promise<EpochSignal> => {
    const { x } = probeTensors();
    const n = layout.length;
    const ratios =
      deltaSum !== undefined && weightSum !== undefined && updates > 0 ? await readAndDispose(tf.tidy(() => tf.div(deltaSum as tf.Tensor, weightSum as tf.Tensor))) : undefined;
    const packed = tf.tidy(() => {
      const { value, grad } = valueAndGradient(theta);
      const nonFinite = layout.map((b) => {
        const slice = tf.slice(theta, b.offset, b.size);
        return tf.sum(tf.cast(tf.notEqual(tf.sub(slice, slice), 0), 'float32'));
      });
      return tf.concat([tf.reshape(value, [1]), blockNorms(grad as tf.Tensor1D, layout), blockNorms(theta, layout), n === 0 ? tf.zeros([0]) : tf.stack(nonFinite)]);
    });
    const values = await readAndDispose(packed);
    const blocks: BlockSignal[] = layout.map((b, i) => ({
      block: b.name,
      weight: b.shape.length >= 2,
      gradientNorm: values[1 + i] as number,
      weightNorm: values[1 + n + i] as number,
      updateRatio: ratios === undefined ? Number.NaN : (ratios[i] as number),
      finite: values[1 + 2 * n + i] === 0,
    }));
    const activations: ActivationSignal[] = [];
    if (typeof (model as Partial<{ forward: unknown }>).forward === 'function') {
      const outputs = layerOutputs(model as LosslensModel, theta, x);
      try {
        for (const o of outputs.slice(0, -1)) activations.push(await activationStats(o.layer, o.activation, o.output));
      } finally {
        tf.dispose(outputs.map((o) => o.output));
      }
    }
    const probeLoss = values[0] as number;
    const signal: EpochSignal = {
      epoch,
      trainLoss: record?.trainLoss ?? probeLoss,
      probeLoss,
      learningRate: record?.learningRate ?? Number.NaN,
      blocks,
      activations,
    };
    if (record?.trainAccuracy !== undefined) signal.trainAccuracy = record.trainAccuracy;
    if (record?.validationLoss !== undefined) signal.validationLoss = record.validationLoss;
    if (record?.validationAccuracy !== undefined) signal.validationAccuracy = record.validationAccuracy;
    return signal;
  };
  const resetSums = () => {
    tf.dispose([deltaSum, weightSum].filter((t): t is tf.Tensor1D => t !== undefined));
    deltaSum = weightSum = undefined;
    updates = 0;
  };
  const release = () => {
    resetSums();
    tf.dispose([kept, probeX, probeY].filter((t): t is tf.Tensor => t !== undefined && !t.isDisposed));
    kept = probeX = probeY = undefined;
    disposed = true;
  };

  const hooks: FitHooks = {
    async beforeEpoch({ epoch, theta }) {
      if (epoch !== 1 || epochs.length > 0) return;
      kept?.dispose();
      kept = tf.clone(theta);
      epochs.push(await measure(theta, 0, undefined));
    },
    afterBatch({ theta }) {
      if (kept === undefined) kept = tf.clone(theta); // fit started without beforeEpoch (not expected)
      const before = kept;
      const [delta, weight] = tf.tidy(() => {
        const d = blockNorms(tf.sub(theta, before) as tf.Tensor1D, layout);
        const w = blockNorms(before, layout);
        return [deltaSum === undefined ? d : tf.add(deltaSum, d), weightSum === undefined ? w : tf.add(weightSum, w)] as const;
      });
      resetSumsKeepingCount();
      deltaSum = delta as tf.Tensor1D;
      weightSum = weight as tf.Tensor1D;
      updates += 1;
      before.dispose();
      kept = tf.clone(theta);
    },
    async afterEpoch({ epoch, theta, record }) {
      epochs.push(await measure(theta, epoch, record));
      resetSums();
    },
  };
  function resetSumsKeepingCount(): void {
    tf.dispose([deltaSum, weightSum].filter((t): t is tf.Tensor1D => t !== undefined));
  }

  return {
    hooks,
    async finish(result) {
      if (disposed) throw new Error('recordHealth: finish or dispose was called already');
      try {
        const last = result?.history.at(-1);
        const recorded = epochs.at(-1)?.epoch ?? -1;
        if (last !== undefined && last.epoch > recorded && kept !== undefined) epochs.push(await measure(kept, last.epoch, last));
      } finally {
        release();
      }
      const signals: HealthSignals = {
        model: model.spec,
        task: probe.task,
        outputs: probe.outputs,
        probeRows,
        defaultLoss: options.loss === undefined,
        epochs,
      };
      if (probe.task === 'regression') {
        signals.targetVariance = targetVariance(probe, probeRows);
        signals.targetMeanSquare = targetMeanSquare(probe, probeRows);
      }
      return signals;
    },
    dispose() {
      if (!disposed) release();
    },
  };
}

/** Mean over output columns of the population variance of the first `rows` targets. */
export function targetVariance(ds: Dataset, rows = ds.n): number {
  const k = ds.outputs;
  let total = 0;
  for (let c = 0; c < k; c++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += ds.targets[i * k + c] as number;
    mean /= rows;
    let ss = 0;
    for (let i = 0; i < rows; i++) ss += ((ds.targets[i * k + c] as number) - mean) ** 2;
    total += ss / rows;
  }
  return total / k;
}

/** Mean over output columns of the squared mean of the first `rows` targets. */
export function targetMeanSquare(ds: Dataset, rows = ds.n): number {
  const k = ds.outputs;
  let total = 0;
  for (let c = 0; c < k; c++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += ds.targets[i * k + c] as number;
    total += (mean / rows) ** 2;
  }
  return total / k;
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}
