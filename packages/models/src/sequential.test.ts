import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { InputError } from '@losslens/core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { layerOutputs, sequentialModel } from './sequential.js';

const twoLayer = () =>
  sequentialModel([{ type: 'dense', units: 3, activation: 'relu' }, { type: 'dense', units: 2 }], { inputShape: [4], spec: 'two' });

it('packs named blocks into one θ in layer order', () => {
  const model = twoLayer();
  expect(model.layout).toEqual([
    { name: 'dense_1/kernel', shape: [4, 3], offset: 0, size: 12 },
    { name: 'dense_1/bias', shape: [3], offset: 12, size: 3 },
    { name: 'dense_2/kernel', shape: [3, 2], offset: 15, size: 6 },
    { name: 'dense_2/bias', shape: [2], offset: 21, size: 2 },
  ]);
  expect(model.parameterCount).toBe(23);
  expect(model.outputs).toBe(2);
  expect(model.outputActivation).toBe('linear');
});

it('init is seeded: He normal kernels for relu, Glorot for linear, zero biases', () => {
  const model = twoLayer();
  const a = model.init(5);
  expect(Array.from(a)).toEqual(Array.from(model.init(5)));
  expect(Array.from(a)).not.toEqual(Array.from(model.init(6)));
  expect(Array.from(a.subarray(12, 15))).toEqual([0, 0, 0]);
  expect(Array.from(a.subarray(21))).toEqual([0, 0]);
  // Glorot uniform bound for the [3, 2] output kernel: √(6/5).
  expect(Math.max(...a.subarray(15, 21).map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 5));
  // Each block has its own stream: a model with a different head keeps the first kernel.
  const other = sequentialModel([{ type: 'dense', units: 3, activation: 'relu' }, { type: 'dense', units: 7 }], { inputShape: [4] });
  expect(Array.from(other.init(5).subarray(0, 12))).toEqual(Array.from(a.subarray(0, 12)));
});

describeBackends('apply', () => {
  it('is a pure function of θ and leaves no tensors', async () => {
    const model = twoLayer();
    const theta = tf.tensor1d(model.init(1));
    const x = tf.tensor2d([[1, 2, 3, 4], [0, -1, 0.5, 2]]);
    await expectNoLeaks(() => {
      const y1 = model.apply(theta, x);
      const y2 = model.apply(theta, x);
      expect(y1.shape).toEqual([2, 2]);
      expect(Array.from(y1.dataSync())).toEqual(Array.from(y2.dataSync()));
      y1.dispose();
      y2.dispose();
    });
    theta.dispose();
    x.dispose();
  });
  it('an input width that does not match the model is an E_SHAPE InputError', () => {
    const model = twoLayer();
    const attempt = () => tf.tidy(() => model.apply(tf.tensor1d(model.init(0)), tf.zeros([3, 5])));
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow('model spec "two": expects inputs of shape [b, 4], got [3, 5]');
    try {
      attempt();
    } catch (error) {
      expect((error as InputError).code).toBe('E_SHAPE');
    }
    expect(() => tf.tidy(() => model.apply(tf.zeros([22]), tf.zeros([1, 4])))).toThrow(
      'model spec "two": θ has shape [22], the model has 23 parameters',
    );
  });
});

it('a model must end with one axis per sample', () => {
  expect(() => sequentialModel([{ type: 'conv2d', filters: 1, kernelSize: 1 }], { inputShape: [2, 2, 1], spec: 'c' })).toThrow(
    'model spec "c": the output per sample is [2, 2, 1]; a model must end with one axis (add flatten and dense layers)',
  );
  expect(() => sequentialModel([{ type: 'dense', units: 1 }], { inputShape: [0] })).toThrow(/input shape \[0\] must be positive integers/);
});

describeBackends('layerOutputs', () => {
  it('returns each layer’s post-activation output, equal to a hand-written forward pass, and the model output last', async () => {
    const model = twoLayer();
    const theta = tf.tensor1d(model.init(3));
    const x = tf.tensor2d([[1, -2, 0.5, 3], [-1, 0.25, 2, -0.5]]);
    const values = model.init(3);
    await expectNoLeaks(() => {
      const outputs = layerOutputs(model, theta, x);
      expect(outputs.map((o) => [o.layer, o.activation])).toEqual([['dense_1', 'relu'], ['dense_2', 'linear']]);
      // Independent forward pass in float64 from θ's layout.
      const rows = [[1, -2, 0.5, 3], [-1, 0.25, 2, -0.5]];
      const hidden = rows.map((r) => [0, 1, 2].map((j) => Math.max(0, r.reduce((s, v, i) => s + v * values[i * 3 + j]!, 0) + values[12 + j]!)));
      const out = hidden.map((h) => [0, 1].map((j) => h.reduce((s, v, i) => s + v * values[15 + i * 2 + j]!, 0) + values[21 + j]!));
      const got0 = outputs[0]!.output.arraySync() as number[][];
      const got1 = outputs[1]!.output.arraySync() as number[][];
      hidden.flat().forEach((v, i) => expect(got0.flat()[i]).toBeCloseTo(v, 5));
      out.flat().forEach((v, i) => expect(got1.flat()[i]).toBeCloseTo(v, 5));
      const applied = model.apply(theta, x);
      expect(Array.from(applied.dataSync())).toEqual(got1.flat().map((v) => Math.fround(v)));
      applied.dispose();
      tf.dispose(outputs.map((o) => o.output));
    });
    tf.dispose([theta, x]);
  });
});
