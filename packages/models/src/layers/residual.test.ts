import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends } from '@losslens/testing';
import { sequentialModel } from '../sequential.js';

describeBackends('residual block', () => {
  it('computes act(x + W₂·act(W₁x + b₁) + b₂) with the children’s blocks in θ', () => {
    const model = sequentialModel(
      [{ type: 'residual', activation: 'tanh', layers: [{ type: 'dense', units: 2, activation: 'tanh' }, { type: 'dense', units: 2 }] }],
      { inputShape: [2] },
    );
    expect(model.layout.map((b) => b.name)).toEqual([
      'residual_1/dense_1/kernel',
      'residual_1/dense_1/bias',
      'residual_1/dense_2/kernel',
      'residual_1/dense_2/bias',
    ]);
    const W1 = [[0.5, -0.3], [0.2, 0.8]];
    const b1 = [0.1, -0.2];
    const W2 = [[1.0, 0.4], [-0.6, 0.3]];
    const b2 = [0.05, 0.02];
    const theta = [...W1.flat(), ...b1, ...W2.flat(), ...b2];
    const x = [0.7, -1.1];
    const h = [0, 1].map((j) => Math.tanh(x[0]! * W1[0]![j]! + x[1]! * W1[1]![j]! + b1[j]!));
    const expected = [0, 1].map((j) => Math.tanh(x[j]! + h[0]! * W2[0]![j]! + h[1]! * W2[1]![j]! + b2[j]!));
    const y = tf.tidy(() => Array.from(model.apply(tf.tensor1d(theta), tf.tensor2d([x])).dataSync()));
    y.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });
});

it('the body must keep the shape', () => {
  expect(() =>
    sequentialModel([{ type: 'residual', layers: [{ type: 'dense', units: 3 }] }], { inputShape: [2], spec: 'res' }),
  ).toThrow('model spec "res": layer residual_1: the residual body maps [2] to [3]; it must keep the shape');
});
