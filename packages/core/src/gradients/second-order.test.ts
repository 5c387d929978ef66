import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '../runtime.js';
import { secondOrderGradients } from './second-order.js';

/**
 * For each replaced op f, L(θ) = Σ c ⊙ f(A θ) (a small "network" around f). The Hessian-vector
 * product by double backprop must equal central finite differences of the gradient.
 */
const P = 5;
const theta0 = [0.31, -0.42, 0.17, 0.55, -0.23];
const direction = [0.6, -0.2, 0.35, -0.5, 0.4];
const A = () => tf.tensor2d([...Array(6 * P).keys()].map((i) => Math.sin(1.3 * i + 0.7) * 0.9), [6, P]);
const weights = [0.7, -1.1, 0.4, 0.9, -0.3, 1.2];
const c = () => tf.tensor1d(weights);

type Case = { op: string; loss: (z: tf.Tensor) => tf.Tensor };
const cases: Case[] = [
  { op: 'Tanh', loss: (z) => tf.sum(tf.mul(c(), tf.tanh(z))) },
  { op: 'Sigmoid', loss: (z) => tf.sum(tf.mul(c(), tf.sigmoid(z))) },
  { op: 'Exp', loss: (z) => tf.sum(tf.mul(c(), tf.exp(z))) },
  { op: 'Elu', loss: (z) => tf.sum(tf.mul(c(), tf.elu(tf.add(z, 0.05)))) },
  { op: 'Softmax', loss: (z) => tf.sum(tf.mul(c(), tf.softmax(tf.reshape(z, [2, 3])).reshape([6]))) },
  { op: 'Max', loss: (z) => tf.sum(tf.square(tf.max(tf.reshape(z, [2, 3]), 1))) },
  { op: 'Min', loss: (z) => tf.sum(tf.square(tf.min(tf.reshape(z, [2, 3]), 1))) },
  { op: 'Pow', loss: (z) => tf.sum(tf.mul(c(), tf.pow(tf.add(tf.abs(z), 0.5), tf.scalar(2.5)))) },
  { op: 'Softplus', loss: (z) => tf.sum(tf.mul(c(), tf.softplus(z))) },
  { op: 'LeakyRelu', loss: (z) => tf.sum(tf.mul(c(), tf.square(tf.leakyRelu(tf.add(z, 0.05), 0.2)))) },
  {
    op: 'Conv2DBackpropFilter',
    loss: (z) => {
      const img = tf.reshape(tf.tanh(z), [1, 2, 3, 1]);
      const w = tf.reshape(tf.slice(z, [0], [2]), [1, 2, 1, 1]);
      return tf.sum(tf.square(tf.conv2d(img as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid')));
    },
  },
  ...([false, true] as const).flatMap((ta) =>
    ([false, true] as const).map((tb) => ({
      op: `BatchMatMul(transposeA=${ta}, transposeB=${tb})`,
      loss: (z: tf.Tensor) => {
        // op(A) = m is 2×3, op(B) = n is 3×2; A and B are stored transposed when flagged.
        const m = tf.reshape(tf.tanh(z), [2, 3]);
        const n = tf.reshape(tf.sin(z), [3, 2]);
        const a = ta ? tf.transpose(m) : m;
        const b = tb ? tf.transpose(n) : n;
        return tf.sum(tf.square(tf.matMul(a, b, ta, tb)));
      },
    })),
  ),
  ...([false, true] as const).map((tb) => ({
    op: `BatchMatMul rank 3 (batch 2, transposeB=${tb})`,
    loss: (z: tf.Tensor) => {
      // two products at once: [2, 1, 3] × [2, 3, 2] (B stored transposed when flagged)
      const m = tf.reshape(tf.tanh(z), [2, 1, 3]);
      const n = tf.reshape(tf.concat([tf.sin(z), tf.cos(z)]), [2, 3, 2]);
      return tf.sum(tf.square(tf.matMul(m, tb ? tf.transpose(n, [0, 2, 1]) : n, false, tb)));
    },
  })),
  {
    op: 'AvgPoolGrad',
    loss: (z) => tf.sum(tf.square(tf.avgPool(tf.reshape(tf.tanh(z), [1, 2, 3, 1]) as tf.Tensor4D, [2, 2], 1, 'valid'))),
  },
];

const loss = (f: Case['loss']) => (theta: tf.Tensor) => f(tf.matMul(A(), tf.reshape(theta, [P, 1])).reshape([6]));

function exactHvp(f: Case['loss']): number[] {
  return tf.tidy(() => {
    const v = tf.tensor1d(direction);
    const g = tf.grad(loss(f));
    const hv = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(g(t), v)))(tf.tensor1d(theta0));
    return Array.from(hv.dataSync());
  });
}

function finiteDifferenceHvp(f: Case['loss'], eps = 1e-3): number[] {
  return tf.tidy(() => {
    const g = tf.grad(loss(f));
    const plus = g(tf.tensor1d(theta0.map((t, i) => t + eps * direction[i]!))).dataSync();
    const minus = g(tf.tensor1d(theta0.map((t, i) => t - eps * direction[i]!))).dataSync();
    return Array.from(plus, (p, i) => (p - minus[i]!) / (2 * eps));
  });
}

for (const backend of ['cpu', 'wasm']) {
  describe(`second-order gradients on ${backend}`, () => {
    beforeAll(async () => {
      await initTensorflow({ backend });
    });
    it('knows which kernels this backend lacks', () => {
      expect(tf.getKernel('Conv2DBackpropFilter', backend) === undefined).toBe(backend === 'wasm');
    });
    it('replaces every gradient it lists, and BatchMatMul', () => {
      for (const config of secondOrderGradients) expect(tf.getGradient(config.kernelName)).toBe(config);
      expect(tf.getGradient('BatchMatMul')?.gradFunc.toString()).toMatch(/transpose/);
    });
    for (const { op, loss: f } of cases) {
      // tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel at all (first order fails too).
      const missingKernel = op === 'Conv2DBackpropFilter' && backend === 'wasm';
      it.skipIf(missingKernel)(`${op}: HVP by double backprop matches central finite differences`, () => {
        const before = tf.memory().numTensors;
        const exact = exactHvp(f);
        const reference = finiteDifferenceHvp(f);
        const scale = Math.max(1, ...reference.map(Math.abs));
        for (let i = 0; i < P; i++) expect(Math.abs(exact[i]! - reference[i]!) / scale).toBeLessThan(2e-3);
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  });
}
