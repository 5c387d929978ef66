/**
 * The full Hessian of a tiny 2-layer tanh network by double backprop equals the closed form
 * derived here by hand.
 *
 * Model: scalar input x, hidden units h_k = tanh(z_k), z_k = w_k·x + b_k (k = 1..K), output
 * y = Σ_k v_k h_k + c. θ = [w_1..w_K, b_1..b_K, v_1..v_K, c] (the layout of
 * `mlp:K:tanh` on one input). Loss L = (1/n) Σ_i (y_i − t_i)².
 *
 * With s_k = 1 − h_k² = tanh'(z_k) and tanh''(z_k) = −2 h_k s_k, the Jacobian of y is
 *   ∂y/∂w_k = v_k s_k x, ∂y/∂b_k = v_k s_k, ∂y/∂v_k = h_k, ∂y/∂c = 1,
 * and the only nonzero second derivatives of y (all within one unit k) are
 *   ∂²y/∂w_k² = v_k tanh''(z_k) x², ∂²y/∂w_k∂b_k = v_k tanh''(z_k) x, ∂²y/∂b_k² = v_k tanh''(z_k),
 *   ∂²y/∂w_k∂v_k = s_k x, ∂²y/∂b_k∂v_k = s_k.
 * Then H = (2/n) Σ_i [ J_i J_iᵀ + r_i ∇²y_i ], r_i = y_i − t_i (Gauss–Newton part + residual part).
 */
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, relativeError } from '@losslens/testing';
import { mse } from './losses.js';
import { createModel } from './spec.js';

const K = 2;
const xs = [-1.2, 0.3, 0.9, 2.0];
const ts = [0.5, -0.4, 0.8, 0.1];
const theta0 = [0.7, -1.1, 0.2, 0.4, 1.3, -0.6, 0.15]; // w1 w2 b1 b2 v1 v2 c

function closedFormHessian(theta: number[]): number[][] {
  const P = 3 * K + 1;
  const H = Array.from({ length: P }, () => new Array<number>(P).fill(0));
  const w = (k: number) => theta[k]!;
  const b = (k: number) => theta[K + k]!;
  const v = (k: number) => theta[2 * K + k]!;
  const c = theta[3 * K]!;
  const n = xs.length;
  xs.forEach((x, i) => {
    const h = Array.from({ length: K }, (_, k) => Math.tanh(w(k) * x + b(k)));
    const s = h.map((hk) => 1 - hk * hk);
    const y = h.reduce((sum, hk, k) => sum + v(k) * hk, c);
    const r = y - ts[i]!;
    const J = new Array<number>(P).fill(0);
    for (let k = 0; k < K; k++) {
      J[k] = v(k) * s[k]! * x;
      J[K + k] = v(k) * s[k]!;
      J[2 * K + k] = h[k]!;
    }
    J[3 * K] = 1;
    const second = Array.from({ length: P }, () => new Array<number>(P).fill(0));
    for (let k = 0; k < K; k++) {
      const t2 = -2 * h[k]! * s[k]!;
      const [iw, ib, iv] = [k, K + k, 2 * K + k];
      second[iw]![iw] = v(k) * t2 * x * x;
      second[iw]![ib] = second[ib]![iw] = v(k) * t2 * x;
      second[ib]![ib] = v(k) * t2;
      second[iw]![iv] = second[iv]![iw] = s[k]! * x;
      second[ib]![iv] = second[iv]![ib] = s[k]!;
    }
    for (let p = 0; p < P; p++) {
      for (let q = 0; q < P; q++) H[p]![q]! += (2 / n) * (J[p]! * J[q]! + r * second[p]![q]!);
    }
  });
  return H;
}

describeBackends('full Hessian of a 2-layer tanh net', () => {
  it('double backprop equals the hand-derived closed form', () => {
    const model = createModel(`mlp:${K}:tanh`, { inputShape: [1], outputs: 1 });
    expect(model.layout.map((b) => b.name)).toEqual(['dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias']);
    const P = model.parameterCount;
    expect(P).toBe(3 * K + 1);
    const exact = tf.tidy(() => {
      const x = tf.tensor2d(xs, [xs.length, 1]);
      const t = tf.tensor2d(ts, [ts.length, 1]);
      const gradient = tf.grad((theta: tf.Tensor) => mse(model.apply(theta as tf.Tensor1D, x), t));
      const theta = tf.tensor1d(theta0);
      return Array.from({ length: P }, (_, j) => {
        const e = tf.oneHot(tf.tensor1d([j], 'int32'), P).reshape([P]);
        return Array.from(tf.grad((u: tf.Tensor) => tf.sum(tf.mul(gradient(u), e)))(theta).dataSync());
      });
    });
    const reference = closedFormHessian(theta0);
    expect(relativeError(exact.flat(), reference.flat())).toBeLessThan(1e-5);
    // The closed form is not trivially small or diagonal.
    expect(Math.abs(reference[0]![4]!)).toBeGreaterThan(0.05);
    expect(Math.abs(reference[0]![1]!)).toBeGreaterThan(0.01);
  });
});
