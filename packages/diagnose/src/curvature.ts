/**
 * The checks made when training stalls: gradient flow per layer at initialization
 * (vanishing/exploding gradients) and the critical-point analysis at the end of training
 * (gradient norm, Hessian spectrum, minimum ratio, escape step), both on a seeded subsample.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Dataset, type LossFunction, type Model } from '@losslens/core';
import { subset, toTensors } from '@losslens/data';
import { analyzeCriticalPoint, objectiveFromLoss, type HessianReport } from '@losslens/critical';
import type { CriticalSummary, GradientFlow } from './measurements.js';

/** A seeded subsample of at most `rows` rows (all rows when fewer). */
export function sampleRows(ds: Dataset, rows: number, seed: number): Dataset {
  if (ds.n <= rows) return ds;
  const picked = createRng(seed).fork('subsample').permutation(ds.n).slice(0, rows);
  return subset(ds, picked.sort((a, b) => a - b));
}

/**
 * Gradient norm of each weight block (kernels, not biases) at θ, first and last compared.
 * @example
 * const flow = gradientFlow(model, model.init(0), train, mse); flow.firstToLast; // ≪ 1: vanishing
 */
export function gradientFlow(model: Model, theta: Float32Array, data: Dataset, loss: LossFunction): GradientFlow | undefined {
  const kernels = model.layout.filter((b) => /kernel|weight/i.test(b.name));
  if (kernels.length < 2) return undefined;
  const gradient = tf.tidy(() => {
    const { x, y } = toTensors(data);
    const g = tf.grad((t: tf.Tensor) => loss(model.apply(t as tf.Tensor1D, x), y));
    return g(tf.tensor1d(theta)).dataSync() as Float32Array;
  });
  const layers = kernels.map((b) => {
    let s = 0;
    for (let i = b.offset; i < b.offset + b.size; i++) s += gradient[i]! ** 2;
    return { name: b.name, norm: Math.sqrt(s / b.size) };
  });
  const first = layers[0]!.norm;
  const last = layers[layers.length - 1]!.norm;
  return { layers, firstToLast: last > 0 ? first / last : Number.POSITIVE_INFINITY };
}

/**
 * The critical-point analysis of the training loss at θ (dense spectrum for small models,
 * Lanczos top/bottom eigenpairs above `fullLimit` parameters).
 * @example
 * const { summary } = criticalCheck(model, theta, train, mse, { fullLimit: 1200, seed: 0 });
 */
export function criticalCheck(
  model: Model,
  theta: Float32Array,
  data: Dataset,
  loss: LossFunction,
  options: { fullLimit: number; seed: number },
): { summary: CriticalSummary; report: HessianReport } {
  const tensors = tf.tidy(() => {
    const { x, y } = toTensors(data);
    return { x: tf.keep(x), y: tf.keep(y) };
  });
  try {
    const objective = objectiveFromLoss((t) => loss(model.apply(t, tensors.x), tensors.y), model.parameterCount, model.layout);
    const full = model.parameterCount <= options.fullLimit;
    const report = analyzeCriticalPoint(objective, theta, { full, top: 3, bottom: 3, seed: options.seed });
    objective.dispose();
    const summary: CriticalSummary = {
      gradientNorm: report.gradientNorm,
      kind: report.kind,
      minimumRatio: report.minimumRatio,
      flatDirections: report.flatDirections,
      minEigenvalue: report.bottom[0] ?? Number.NaN,
      maxEigenvalue: report.top[0] ?? Number.NaN,
      parameters: report.parameters,
      method: `${report.method}, minimum ratio ${report.minimumRatioMethod}`,
      ...(report.escape
        ? { escape: { eigenvalue: report.escape.eigenvalue, step: report.escape.step, lossBefore: report.escape.lossBefore, lossAfter: report.escape.lossAfter } }
        : {}),
    };
    return { summary, report };
  } finally {
    tensors.x.dispose();
    tensors.y.dispose();
  }
}
