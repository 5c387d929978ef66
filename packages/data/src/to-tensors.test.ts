import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { expect, it } from 'vitest';
import type { Dataset } from '@losslens/core';
import { oneHot, toTensors } from './to-tensors.js';
import { tinyClassification, tinyRegression } from '../test/fixtures.js';

describeBackends('toTensors', () => {
  it('regression: x is [b, ...featureShape], y is [b, 1], rows in index order', async () => {
    const ds = tinyRegression(5);
    const { x, y } = toTensors(ds, [4, 0]);
    expect(x.shape).toEqual([2, 2]);
    expect(y.shape).toEqual([2, 1]);
    expect(x.dtype).toBe('float32');
    expect(Array.from(await x.data())).toEqual([4, 16, 0, 0]);
    expect(Array.from(await y.data())).toEqual([9, 1]);
    tf.dispose([x, y]);
  });

  it('classification: y is one-hot [b, classes]', async () => {
    const { x, y } = toTensors(tinyClassification([2, 0, 1]));
    expect(y.shape).toEqual([3, 3]);
    expect(Array.from(await y.data())).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    tf.dispose([x, y]);
  });

  it('images keep their shape', async () => {
    const ds: Dataset = { ...tinyClassification([0, 1]), featureShape: [2, 2, 1], features: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
    const { x, y } = toTensors(ds);
    expect(x.shape).toEqual([2, 2, 2, 1]);
    expect(Array.from(await x.data())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    tf.dispose([x, y]);
  });

  it('leaves no tensors behind once the batch is disposed', async () => {
    await expectNoLeaks(() => {
      const batch = toTensors(tinyRegression(8), [1, 2, 3]);
      tf.dispose([batch.x, batch.y]);
    });
  });
});

it('oneHot rejects a label outside 0..classes-1', () => {
  expect(Array.from(oneHot([2, 0], 3))).toEqual([0, 0, 1, 1, 0, 0]);
  expect(() => oneHot([3], 3)).toThrow('class index 3 at row 0 is not in 0..2');
});

describeBackends('toTensors ownership', () => {
  it('the tensors do not share memory with the dataset', async () => {
    const ds = tinyRegression(3);
    const { x, y } = toTensors(ds);
    (x.dataSync() as Float32Array)[0] = 42;
    expect(ds.features[0]).toBe(0);
    tf.dispose([x, y]);
  });
});
