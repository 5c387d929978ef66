import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import {
  checkGradient,
  checkHvp,
  describeBackends,
  expectNoLeaks,
  finiteDifferenceGradient,
  finiteDifferenceHessian,
  relativeError,
} from './index.js';

it('finite differences reproduce a closed-form gradient and Hessian', () => {
  // f(a, b) = a²b + 3b³ → ∇f = (2ab, a² + 9b²), H = [[2b, 2a], [2a, 18b]]
  const f = (t: Float32Array) => t[0]! ** 2 * t[1]! + 3 * t[1]! ** 3;
  const grad = (t: Float32Array) => [2 * t[0]! * t[1]!, t[0]! ** 2 + 9 * t[1]! ** 2];
  const g = finiteDifferenceGradient(f, [1.5, -0.5]);
  expect(relativeError(g, [-1.5, 2.25 + 2.25])).toBeLessThan(1e-4);
  const H = finiteDifferenceHessian(grad, [1.5, -0.5]);
  expect(relativeError(H.flat(), [-1, 3, 3, -9])).toBeLessThan(1e-4);
});

it('relativeError flags a wrong answer', () => {
  expect(relativeError([1, 2], [1, 2.5])).toBeCloseTo(0.2, 6);
  expect(() => relativeError([1], [1, 2])).toThrow(/length mismatch/);
});

describeBackends('derivative checks', () => {
  it('accept a correct gradient and HVP', () => {
    const loss = (t: tf.Tensor1D) => tf.sum(tf.mul(tf.tanh(t), tf.tensor1d([1, -2, 0.5])));
    expect(checkGradient(loss, [0.2, -0.1, 0.4]).error).toBeLessThan(1e-3);
    expect(checkHvp(loss, [0.2, -0.1, 0.4], [1, 0.5, -1]).error).toBeLessThan(1e-3);
  });
  it('expectNoLeaks passes clean work and names a leak', async () => {
    await expectNoLeaks(() => tf.tidy(() => tf.add(tf.scalar(1), 2)).dispose());
    let kept: tf.Tensor | undefined;
    await expect(expectNoLeaks(() => void (kept = tf.scalar(1)), 'leaky')).rejects.toThrow(/leaky leaked 1 tensor/);
    kept?.dispose();
  });
});
