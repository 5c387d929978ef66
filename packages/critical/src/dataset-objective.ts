/**
 * The training loss of a model over a whole dataset as a {@link ThetaObjective}: the loss,
 * gradient and exact Hessian-vector products are sums over row chunks weighted by chunk size,
 * so they equal the full-data quantities whatever the chunk size (a memory bound only).
 */
import * as tf from '@tensorflow/tfjs-core';
import { InputError } from '@losslens/core';
import type { Batch, Dataset, LossFunction, Model } from '@losslens/core';
import { toTensors } from '@losslens/data';
import { lossForTask } from '@losslens/models';
import { chainHvps, denseChainOf } from './batched-hvp.js';
import { assertLength, hvpTensor, type ThetaObjective } from './objective.js';

/** Options for {@link datasetObjective}. */
export interface DatasetObjectiveOptions {
  /** Rows per chunk (default 2048), or 'full' for one chunk. Changes memory and speed, not the values. */
  batchSize?: number | 'full';
  /** A penalty on θ added once to the mean loss, e.g. `(t) => l2Penalty(t, 1e-4)`. */
  penalty?: (theta: tf.Tensor1D) => tf.Tensor;
}

/**
 * L(θ) = (1/N) Σ_rows loss(model.apply(θ, x), y) (+ penalty) over `dataset`, in evaluation mode
 * (no dropout; batch norm with stored statistics). The loss defaults to the task's
 * (`lossForTask`: mse for regression, softmax cross-entropy on logits — or categorical
 * cross-entropy for models ending in softmax). The dataset's tensors are created on first use
 * and kept until `dispose()`. Throws E_SHAPE when the data does not fit the model. For chains
 * of dense layers it also has `hvpMany`: many HVPs per double-backprop pass.
 * @example
 * const objective = datasetObjective(model, train);
 * const hv = objective.hvp(theta, v);
 * objective.dispose();
 */
export function datasetObjective(
  model: Model,
  dataset: Dataset,
  loss?: LossFunction,
  options: DatasetObjectiveOptions = {},
): ThetaObjective {
  const sameShape =
    dataset.featureShape.length === model.inputShape.length && dataset.featureShape.every((d, i) => d === model.inputShape[i]);
  if (!sameShape) {
    throw new InputError(
      'E_SHAPE',
      `${dataset.origin}: the data has samples of shape [${dataset.featureShape.join(', ')}], model "${model.spec}" takes [${model.inputShape.join(', ')}]`,
    );
  }
  if (dataset.outputs !== model.outputs) {
    throw new InputError('E_SHAPE', `${dataset.origin}: the data has ${dataset.outputs} output(s), model "${model.spec}" has ${model.outputs}`);
  }
  if (dataset.n === 0) throw new InputError('E_TOO_FEW_ROWS', `${dataset.origin}: the dataset has no rows`);
  const size = options.batchSize === undefined ? 2048 : options.batchSize === 'full' ? dataset.n : options.batchSize;
  if (!Number.isInteger(size) || size < 1) throw new InputError('E_VALUE', `batchSize must be a positive integer or "full", got ${String(options.batchSize)}`);
  const lossFunction = loss ?? lossForTask(dataset.task, model as Model & { outputActivation?: string });
  const penalty = options.penalty;
  const chain = denseChainOf(model);
  let chunks: (Batch & { weight: number })[] | undefined;
  const batches = () => {
    if (chunks === undefined) {
      chunks = [];
      for (let start = 0; start < dataset.n; start += size) {
        const rows = Array.from({ length: Math.min(size, dataset.n - start) }, (_, i) => start + i);
        // kept: a caller's enclosing tf.tidy must not dispose the cached chunks
        const { x, y } = toTensors(dataset, rows);
        chunks.push({ x: tf.keep(x), y: tf.keep(y), weight: rows.length / dataset.n });
      }
    }
    return chunks;
  };
  const chunkLoss = (chunk: Batch) => (theta: tf.Tensor1D) => lossFunction(model.apply(theta, chunk.x, { training: false }), chunk.y);
  const total = (theta: tf.Tensor1D): tf.Tensor => {
    let sum: tf.Tensor = tf.scalar(0);
    for (const chunk of batches()) sum = tf.add(sum, tf.mul(chunkLoss(chunk)(theta), chunk.weight));
    return penalty === undefined ? sum : tf.add(sum, penalty(theta));
  };

  const objective: ThetaObjective = {
    parameterCount: model.parameterCount,
    layout: model.layout,
    loss(theta) {
      assertLength(objective, theta, 'theta');
      batches();
      return tf.tidy(() => total(tf.tensor1d(theta)).dataSync()[0] as number);
    },
    gradient(theta) {
      return objective.lossAndGradient(theta).gradient;
    },
    lossAndGradient(theta) {
      assertLength(objective, theta, 'theta');
      const list = batches();
      return tf.tidy(() => {
        const t = tf.tensor1d(theta);
        let value: tf.Tensor = tf.scalar(0);
        let gradient: tf.Tensor = tf.zerosLike(t);
        // chunk by chunk: only one chunk's tape is alive at a time
        for (const chunk of list) {
          const part = tf.valueAndGrad(chunkLoss(chunk))(t);
          value = tf.add(value, tf.mul(part.value, chunk.weight));
          gradient = tf.add(gradient, tf.mul(part.grad, chunk.weight));
        }
        if (penalty !== undefined) {
          const part = tf.valueAndGrad((x: tf.Tensor) => penalty(x as tf.Tensor1D))(t);
          value = tf.add(value, part.value);
          gradient = tf.add(gradient, part.grad);
        }
        return { loss: value.dataSync()[0] as number, gradient: gradient.dataSync() as Float32Array };
      });
    },
    hvp(theta, v) {
      assertLength(objective, theta, 'theta');
      assertLength(objective, v, 'the direction v');
      const list = batches();
      return tf.tidy(() => {
        const t = tf.tensor1d(theta);
        const direction = tf.tensor1d(Float32Array.from(v));
        let sum: tf.Tensor = tf.zerosLike(t);
        for (const chunk of list) sum = tf.add(sum, tf.mul(hvpTensor(chunkLoss(chunk), t, direction), chunk.weight));
        if (penalty !== undefined) sum = tf.add(sum, hvpTensor(penalty, t, direction));
        return sum.dataSync() as Float32Array;
      });
    },
    ...(chain === undefined
      ? {}
      : {
          hvpMany(theta: Float32Array, directions: readonly ArrayLike<number>[]) {
            assertLength(objective, theta, 'theta');
            directions.forEach((v, i) => assertLength(objective, v, `direction ${i}`));
            const list = batches();
            const out: Float32Array[] = [];
            // k copies of the widest activation of the largest chunk stay under ~4M floats
            const rows = Math.max(...list.map((c) => c.x.shape[0] as number));
            const perGroup = Math.max(1, Math.min(64, Math.floor(4_194_304 / (rows * chain.widest))));
            for (let start = 0; start < directions.length; start += perGroup) {
              const group = directions.slice(start, start + perGroup);
              const k = group.length;
              const products = tf.tidy(() => {
                const t = tf.tensor1d(theta);
                const packed = new Float32Array(k * model.parameterCount);
                group.forEach((v, i) => packed.set(Float32Array.from(v), i * model.parameterCount));
                const stacked = tf.tensor2d(packed, [k, model.parameterCount]);
                let sum: tf.Tensor = tf.zerosLike(stacked);
                for (const chunk of list) {
                  const part = chainHvps(chain, lossFunction, t, stacked, chunk.x as tf.Tensor2D, chunk.y as tf.Tensor2D);
                  sum = tf.add(sum, tf.mul(part, chunk.weight));
                }
                if (penalty !== undefined) {
                  const rowsOf = tf.unstack(stacked).map((v) => hvpTensor(penalty, t, v as tf.Tensor1D));
                  sum = tf.add(sum, tf.stack(rowsOf));
                }
                return sum.dataSync() as Float32Array;
              });
              for (let i = 0; i < k; i++) out.push(products.slice(i * model.parameterCount, (i + 1) * model.parameterCount));
            }
            return out;
          },
        }),
    dispose() {
      if (chunks !== undefined) for (const chunk of chunks) tf.dispose([chunk.x, chunk.y]);
      chunks = undefined;
    },
  };
  return objective;
}
