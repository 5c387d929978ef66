import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends } from '@losslens/testing';
import { kernelMask, l1Penalty, l2Penalty } from './regularizers.js';
import { createModel } from './spec.js';

describeBackends('penalties', () => {
  it('L2 = weight·Σθ², L1 = weight·Σ|θ|, optionally masked', () => {
    const v = (f: () => tf.Tensor) => tf.tidy(() => f().dataSync()[0]!);
    const theta = () => tf.tensor1d([1, -2, 3]);
    expect(v(() => l2Penalty(theta(), 0.5))).toBeCloseTo(7, 6);
    expect(v(() => l1Penalty(theta(), 0.5))).toBeCloseTo(3, 6);
    expect(v(() => l2Penalty(theta(), 1, Float32Array.of(1, 0, 1)))).toBeCloseTo(10, 6);
    expect(v(() => l1Penalty(theta(), 1, tf.tensor1d([0, 1, 0])))).toBeCloseTo(2, 6);
  });
});

it('kernelMask covers kernels only', () => {
  const model = createModel('mlp:2:tanh', { inputShape: [1], outputs: 1 });
  // dense_1/kernel [1,2], dense_1/bias [2], dense_2/kernel [2,1], dense_2/bias [1]
  expect(Array.from(kernelMask(model))).toEqual([1, 1, 0, 0, 1, 1, 0]);
});
