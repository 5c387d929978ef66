import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends } from '@losslens/testing';
import { sequentialModel } from '../sequential.js';

describeBackends('flatten and reshape', () => {
  it('flatten is row-major over [h, w, c] (channels last), as tfjs-layers', () => {
    const model = sequentialModel([{ type: 'flatten' }], { inputShape: [2, 2, 2] });
    const x = [[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]];
    const y = tf.tidy(() => Array.from(model.apply(tf.tensor1d([]), tf.tensor4d(x)).dataSync()));
    expect(y).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(model.outputs).toBe(8);
  });
  it('reshape then flatten restores the input', () => {
    const model = sequentialModel([{ type: 'reshape', targetShape: [3, 2] }, { type: 'flatten' }], { inputShape: [6] });
    const y = tf.tidy(() => Array.from(model.apply(tf.tensor1d([]), tf.tensor2d([[1, 2, 3, 4, 5, 6]])).dataSync()));
    expect(y).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

it('reshape needs the same number of values', () => {
  expect(() => sequentialModel([{ type: 'reshape', targetShape: [4, 2] }, { type: 'flatten' }], { inputShape: [6], spec: 'r' })).toThrow(
    'model spec "r": layer reshape_1: cannot reshape [6] to [4, 2]',
  );
});
