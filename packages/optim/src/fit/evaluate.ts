import * as tf from '@tensorflow/tfjs-core';
import { InputError, type Batch, type Dataset, type LossFunction, type Model, type Task } from '@losslens/core';
import { toTensors } from '@losslens/data';
import { accuracy, lossForTask } from '@losslens/models';

/** Loss (and accuracy for classification) of a model on a dataset. */
export interface Metrics {
  loss: number;
  /** Classification only: fraction of rows classified right. */
  accuracy?: number;
}

/** A model that may say how its outputs end (softmax/sigmoid probabilities or raw logits). */
type MaybeActivated = Model & { outputActivation?: string };

/** The default loss of `task` for `model` (models' `lossForTask`). */
export function defaultLoss(model: Model, task: Task): LossFunction {
  return lossForTask(task, model as MaybeActivated);
}

/** Accuracy for `model`'s outputs: a single probability column is thresholded at 0.5, a logit at 0. */
export function accuracyFor(model: Model): (prediction: tf.Tensor, target: tf.Tensor) => tf.Scalar {
  const activation = (model as MaybeActivated).outputActivation;
  const threshold = activation === 'sigmoid' || activation === 'softmax' ? 0.5 : 0;
  return (prediction, target) => accuracy(prediction, target, { threshold });
}

/** Throws `InputError(E_SHAPE)` when `dataset` does not fit `model` (feature shape or outputs). */
export function checkCompatible(model: Model, dataset: Dataset, role: string): void {
  const same = dataset.featureShape.length === model.inputShape.length && dataset.featureShape.every((d, i) => d === model.inputShape[i]);
  if (!same) {
    throw new InputError('E_SHAPE', `${role} data "${dataset.name}" has samples of shape [${dataset.featureShape.join(', ')}] but model "${model.spec}" takes [${model.inputShape.join(', ')}]`);
  }
  if (dataset.outputs !== model.outputs) {
    throw new InputError('E_SHAPE', `${role} data "${dataset.name}" has ${dataset.outputs} output(s) but model "${model.spec}" produces ${model.outputs}`);
  }
}

/** Splits a batch into row chunks of at most `size` (views are new tensors; the caller disposes them). */
export function chunkBatch(batch: Batch, size: number): Batch[] {
  const n = batch.x.shape[0] ?? 0;
  if (n <= size) return [{ x: batch.x, y: batch.y }];
  const out: Batch[] = [];
  for (let start = 0; start < n; start += size) {
    const b = Math.min(size, n - start);
    out.push({ x: sliceRows(batch.x, start, b), y: sliceRows(batch.y, start, b) });
  }
  return out;
}

/** Rows `start..start+count` of a tensor along its first axis. */
export function sliceRows(t: tf.Tensor, start: number, count: number): tf.Tensor {
  const begin = t.shape.map((_, i) => (i === 0 ? start : 0));
  const size = t.shape.map((d, i) => (i === 0 ? count : d));
  return tf.slice(t, begin, size);
}

/**
 * Row-weighted mean loss (and accuracy) over chunks, as scalar tensors (no read-back), at θ.
 * Exact for losses that are means over the batch. Call inside `tf.tidy`.
 */
export function metricsOnDevice(
  model: Model,
  theta: tf.Tensor1D,
  chunks: readonly Batch[],
  loss: LossFunction,
  accuracyOf?: (prediction: tf.Tensor, target: tf.Tensor) => tf.Scalar,
): { loss: tf.Scalar; accuracy?: tf.Scalar } {
  let n = 0;
  let lossSum: tf.Scalar = tf.scalar(0);
  let accSum: tf.Scalar | undefined = accuracyOf === undefined ? undefined : tf.scalar(0);
  for (const chunk of chunks) {
    const b = chunk.x.shape[0] ?? 0;
    n += b;
    const prediction = model.apply(theta, chunk.x, { training: false });
    lossSum = tf.add(lossSum, tf.mul(loss(prediction, chunk.y), b)) as tf.Scalar;
    if (accSum !== undefined && accuracyOf !== undefined) accSum = tf.add(accSum, tf.mul(accuracyOf(prediction, chunk.y), b)) as tf.Scalar;
  }
  const mean = (s: tf.Scalar) => tf.div(s, Math.max(n, 1)) as tf.Scalar;
  return accSum === undefined ? { loss: mean(lossSum) } : { loss: mean(lossSum), accuracy: mean(accSum) };
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Rows per forward pass (memory bound, not a statistical choice). Default 4096. */
  batchSize?: number;
}

/**
 * The mean loss of `model` at θ over all rows of `dataset` (and the accuracy for classification).
 * The loss defaults to the task's (`mse` / softmax cross-entropy). Leaves no tensors.
 * @example
 * const { loss, accuracy } = evaluate(model, result.theta, validation);
 */
export function evaluate(
  model: Model,
  theta: Float32Array | tf.Tensor1D,
  dataset: Dataset,
  loss?: LossFunction,
  options: EvaluateOptions = {},
): Metrics {
  checkCompatible(model, dataset, 'evaluation');
  if (dataset.n === 0) throw new InputError('E_TOO_FEW_ROWS', `evaluation data "${dataset.name}" has no rows`);
  const size = options.batchSize ?? 4096;
  const values = tf.tidy(() => {
    const t = theta instanceof Float32Array ? tf.tensor1d(theta) : theta;
    const chunks = chunkBatch(toTensors(dataset), size);
    const accuracyOf = dataset.task === 'classification' ? accuracyFor(model) : undefined;
    const m = metricsOnDevice(model, t, chunks, loss ?? defaultLoss(model, dataset.task), accuracyOf);
    return (m.accuracy === undefined ? tf.stack([m.loss]) : tf.stack([m.loss, m.accuracy])).dataSync();
  });
  return values.length > 1 ? { loss: values[0] as number, accuracy: values[1] as number } : { loss: values[0] as number };
}
