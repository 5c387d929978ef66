import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { calibrateBatchNorm, sequentialModel } from '../sequential.js';

const rows = [
  [1, 2],
  [3, -2],
  [5, 6],
];
const column = (j: number) => rows.map((r) => r[j]!);
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const biasedVariance = (a: number[]) => mean(a.map((v) => (v - mean(a)) ** 2));

describeBackends('batch normalization', () => {
  const build = () => sequentialModel([{ type: 'batchNorm', epsilon: 1e-3 }], { inputShape: [2] });
  const gammaBeta = [2, 0.5, 0.1, -0.1]; // γ = [2, 0.5], β = [0.1, −0.1]

  it('training mode normalizes with the batch mean and biased variance', () => {
    const model = build();
    expect(model.layout.map((b) => b.name)).toEqual(['batch_normalization_1/gamma', 'batch_normalization_1/beta']);
    expect(model.stateLayout.map((b) => b.name)).toEqual(['batch_normalization_1/moving_mean', 'batch_normalization_1/moving_variance']);
    const y = tf.tidy(() => model.apply(tf.tensor1d(gammaBeta), tf.tensor2d(rows), { training: true }).arraySync() as number[][]);
    for (let j = 0; j < 2; j++) {
      const c = column(j);
      c.forEach((v, i) => {
        const expected = gammaBeta[j]! * ((v - mean(c)) / Math.sqrt(biasedVariance(c) + 1e-3)) + gammaBeta[j + 2]!;
        expect(y[i]![j]).toBeCloseTo(expected, 5);
      });
    }
  });

  it('evaluation mode uses stored statistics when present, batch statistics otherwise', () => {
    const model = build();
    const fresh = tf.tidy(() => model.apply(tf.tensor1d(gammaBeta), tf.tensor2d(rows)).arraySync() as number[][]);
    const trained = tf.tidy(() => model.apply(tf.tensor1d(gammaBeta), tf.tensor2d(rows), { training: true }).arraySync() as number[][]);
    expect(fresh).toEqual(trained);
    model.state.set('batch_normalization_1/moving_mean', Float32Array.of(1, -1));
    model.state.set('batch_normalization_1/moving_variance', Float32Array.of(4, 0.25));
    const y = tf.tidy(() => model.apply(tf.tensor1d(gammaBeta), tf.tensor2d(rows)).arraySync() as number[][]);
    expect(y[0]![0]).toBeCloseTo(2 * ((1 - 1) / Math.sqrt(4.001)) + 0.1, 5);
    expect(y[1]![1]).toBeCloseTo(0.5 * ((-2 + 1) / Math.sqrt(0.251)) - 0.1, 5);
  });

  it('calibrateBatchNorm stores the statistics each layer sees', async () => {
    const model = sequentialModel(
      [{ type: 'dense', units: 2, useBias: false }, { type: 'batchNorm' }, { type: 'dense', units: 1 }],
      { inputShape: [2] },
    );
    const theta = model.init(1);
    // First layer: identity·2, so the batch norm sees 2·rows.
    theta.set([2, 0, 0, 2], 0);
    await expectNoLeaks(() => {
      const t = tf.tensor1d(theta);
      const x = tf.tensor2d(rows);
      calibrateBatchNorm(model, t, x);
      t.dispose();
      x.dispose();
    });
    const m = model.state.get('batch_normalization_1/moving_mean');
    const v = model.state.get('batch_normalization_1/moving_variance');
    expect(Array.from(m!)).toEqual([2 * mean(column(0)), 2 * mean(column(1))].map((e) => expect.closeTo(e, 5)));
    expect(Array.from(v!)).toEqual([4 * biasedVariance(column(0)), 4 * biasedVariance(column(1))].map((e) => expect.closeTo(e, 4)));
  });
});

it('only the last axis can be normalized', () => {
  expect(() => sequentialModel([{ type: 'batchNorm', axis: 1 }, { type: 'flatten' }], { inputShape: [2, 3], spec: 's' })).toThrow(
    'model spec "s": layer batch_normalization_1: only the last axis can be normalized (axis -1 or 2), got axis 1',
  );
});
