import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends } from '@losslens/testing';
import { sequentialModel } from '../sequential.js';

describeBackends('dense', () => {
  it('computes tanh(x·W + b) with W [in, units] row-major in θ', () => {
    const model = sequentialModel([{ type: 'dense', units: 2, activation: 'tanh' }], { inputShape: [3] });
    expect(model.layout.map((b) => [b.name, b.shape, b.offset])).toEqual([
      ['dense_1/kernel', [3, 2], 0],
      ['dense_1/bias', [2], 6],
    ]);
    const theta = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.05, -0.05];
    const x = [1, 2, -1];
    const y = tf.tidy(() => Array.from(model.apply(tf.tensor1d(theta), tf.tensor2d([x])).dataSync()));
    // W = [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]
    const z0 = 0.1 * 1 + 0.3 * 2 - 0.5 * -1 + 0.05;
    const z1 = -0.2 * 1 + 0.4 * 2 + 0.6 * -1 - 0.05;
    expect(y[0]).toBeCloseTo(Math.tanh(z0), 6);
    expect(y[1]).toBeCloseTo(Math.tanh(z1), 6);
  });
  it('acts on the last axis of rank-3 samples (as tfjs-layers)', () => {
    const model = sequentialModel(
      [{ type: 'dense', units: 1, useBias: false }, { type: 'flatten' }],
      { inputShape: [2, 2] },
    );
    expect(model.parameterCount).toBe(2);
    const y = tf.tidy(() => Array.from(model.apply(tf.tensor1d([2, -1]), tf.tensor3d([[[1, 2], [3, 4]]])).dataSync()));
    expect(y).toEqual([0, 2]);
  });
});

it('rejects a non-integer width', () => {
  expect(() => sequentialModel([{ type: 'dense', units: 2.5 }], { inputShape: [3], spec: 'x' })).toThrow(
    'model spec "x": layer dense_1: units must be a positive integer, got 2.5',
  );
});
