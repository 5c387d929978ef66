/**
 * Test fixtures with independently known answers: the lecture's worked example, quadratics
 * with chosen spectra, and tiny hand-written networks (no dependence on @losslens/models).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@losslens/core';
import type { ParameterBlock } from '@losslens/core';
import { objectiveFromLoss, type ThetaObjective } from '../src/objective.js';
import type { SquareMatrix } from '../src/operator.js';

/** y = w1·w2·x with one sample x = 1, target 1, squared error: L = (w1·w2 − 1)². */
export function lectureObjective(): ThetaObjective {
  return objectiveFromLoss((w) => {
    const w1 = tf.slice(w, [0], [1]);
    const w2 = tf.slice(w, [1], [1]);
    return tf.sum(tf.square(tf.sub(tf.mul(tf.mul(w1, w2), 1), 1)));
  }, 2);
}

/** A random orthogonal n×n matrix (Gram–Schmidt of a Gaussian matrix), rows are the vectors. */
export function randomOrthogonal(n: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  const rows: Float64Array[] = [];
  while (rows.length < n) {
    const v = Float64Array.from({ length: n }, () => rng.normal());
    for (let pass = 0; pass < 2; pass++) {
      for (const q of rows) {
        let d = 0;
        for (let i = 0; i < n; i++) d += (q[i] as number) * (v[i] as number);
        for (let i = 0; i < n; i++) v[i] = (v[i] as number) - d * (q[i] as number);
      }
    }
    const length = Math.hypot(...v);
    rows.push(Float64Array.from(v, (x) => x / length));
  }
  return rows;
}

/** A = Qᵀ diag(λ) Q with a random orthogonal Q: a symmetric matrix with exactly these eigenvalues. */
export function matrixWithSpectrum(eigenvalues: readonly number[], seed = 1): SquareMatrix {
  const n = eigenvalues.length;
  const q = randomOrthogonal(n, seed);
  const data = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const row = q[k] as Float64Array;
    const lambda = eigenvalues[k] as number;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = (data[i * n + j] as number) + lambda * (row[i] as number) * (row[j] as number);
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) data[j * n + i] = data[i * n + j] as number;
  return { size: n, data };
}

/** L(θ) = ½(θ − c)ᵀA(θ − c) (+ offset) in float32 tensors; its Hessian is A everywhere. */
export function quadraticObjective(matrix: SquareMatrix, center?: ArrayLike<number>, offset = 0): ThetaObjective {
  const n = matrix.size;
  const c = Float32Array.from(center ?? new Float32Array(n));
  return objectiveFromLoss((theta) => {
    const d = tf.reshape(tf.sub(theta, tf.tensor1d(c)), [n, 1]);
    const a = tf.tensor2d(Float32Array.from(matrix.data), [n, n]);
    return tf.add(tf.mul(0.5, tf.sum(tf.mul(d, tf.matMul(a, d)))), offset);
  }, n);
}

export type Activation = 'tanh' | 'sigmoid' | 'relu' | 'linear';

const activate = (x: tf.Tensor, activation: Activation): tf.Tensor => {
  switch (activation) {
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'relu':
      return tf.relu(x);
    default:
      return x;
  }
};

/** The parameter layout of a dense net with these sizes: kernel [in, out] then bias [out] per layer. */
export function denseLayout(sizes: readonly number[]): ParameterBlock[] {
  const blocks: ParameterBlock[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l] as number, sizes[l + 1] as number];
    blocks.push({ name: `dense_${l + 1}/kernel`, shape: [fanIn, fanOut], offset, size: fanIn * fanOut });
    offset += fanIn * fanOut;
    blocks.push({ name: `dense_${l + 1}/bias`, shape: [fanOut], offset, size: fanOut });
    offset += fanOut;
  }
  return blocks;
}

/** Forward pass of a dense net from flat θ (hidden activation between layers, linear output). */
export function denseForward(theta: tf.Tensor1D, x: tf.Tensor, sizes: readonly number[], activation: Activation): tf.Tensor {
  let h = x;
  const layout = denseLayout(sizes);
  for (let l = 0; l + 1 < sizes.length; l++) {
    const kernel = layout[2 * l] as ParameterBlock;
    const bias = layout[2 * l + 1] as ParameterBlock;
    const w = tf.reshape(tf.slice(theta, [kernel.offset], [kernel.size]), kernel.shape as number[]);
    const b = tf.slice(theta, [bias.offset], [bias.size]);
    h = tf.add(tf.matMul(h, w), b);
    if (l + 2 < sizes.length) h = activate(h, activation);
  }
  return h;
}

/** Cross-entropy of softmax logits built from primitives (second-order safe): mean over rows. */
export function softmaxCrossEntropy(logits: tf.Tensor, oneHot: tf.Tensor): tf.Scalar {
  const shifted = tf.sub(logits, tf.max(logits, -1, true)); // the shift cancels in value and derivatives
  const logSumExp = tf.log(tf.sum(tf.exp(shifted), -1, true));
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.sub(shifted, logSumExp)), -1))) as tf.Scalar;
}

/** A tiny dataset: n rows of `inputs` Gaussian features and regression targets or one-hot classes. */
export function tinyData(n: number, inputs: number, outputs: number, seed: number): { x: Float32Array; y: Float32Array; labels: number[] } {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n * inputs }, () => rng.normal());
  const labels = Array.from({ length: n }, () => rng.int(outputs));
  const y = Float32Array.from({ length: n * outputs }, (_, k) => ((labels[Math.floor(k / outputs)] as number) === k % outputs ? 1 : 0));
  return { x, y, labels };
}

/** θ ~ N(0, scale²), seeded. */
export function randomTheta(p: number, seed: number, scale = 0.5): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: p }, () => scale * rng.normal());
}

/** A dense net's loss on a fixed tiny dataset as an objective; 'crossentropy' uses softmax CE. */
export function denseNetObjective(
  sizes: readonly number[],
  activation: Activation,
  loss: 'mse' | 'crossentropy',
  data: { x: Float32Array; y: Float32Array },
): ThetaObjective {
  const inputs = sizes[0] as number;
  const outputs = sizes[sizes.length - 1] as number;
  const n = data.x.length / inputs;
  const layout = denseLayout(sizes);
  const p = layout.reduce((s, b) => s + b.size, 0);
  return objectiveFromLoss(
    (theta) => {
      const x = tf.tensor2d(data.x, [n, inputs]);
      const y = tf.tensor2d(data.y, [n, outputs]);
      const prediction = denseForward(theta, x, sizes, activation);
      return loss === 'mse' ? tf.mean(tf.square(tf.sub(prediction, y))) : softmaxCrossEntropy(prediction, y);
    },
    p,
    layout,
  );
}
