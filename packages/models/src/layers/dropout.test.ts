import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends } from '@losslens/testing';
import { sequentialModel } from '../sequential.js';

describeBackends('dropout', () => {
  const model = sequentialModel([{ type: 'dropout', rate: 0.25 }], { inputShape: [400] });
  const run = (options: { training?: boolean; seed?: number }) =>
    tf.tidy(() => Array.from(model.apply(tf.tensor1d([]), tf.ones([5, 400]), options).dataSync()));

  it('is the identity in evaluation mode', () => {
    expect(run({}).every((v) => v === 1)).toBe(true);
  });
  it('keeps about 1 − rate of the values, scaled by 1/(1 − rate), in training mode', () => {
    const y = run({ training: true, seed: 1 });
    const kept = y.filter((v) => v !== 0);
    kept.forEach((v) => expect(v).toBeCloseTo(1 / 0.75, 6));
    // 2000 Bernoulli(0.75) draws: mean 1500, sd ≈ 19.4; ±5 sd.
    expect(Math.abs(kept.length - 1500)).toBeLessThan(100);
  });
  it('one seed gives one mask; another seed another', () => {
    expect(run({ training: true, seed: 4 })).toEqual(run({ training: true, seed: 4 }));
    expect(run({ training: true, seed: 4 })).not.toEqual(run({ training: true, seed: 5 }));
  });
});

it('rejects a rate outside [0, 1)', () => {
  expect(() => sequentialModel([{ type: 'dropout', rate: 1 }], { inputShape: [3], spec: 'd' })).toThrow(
    'model spec "d": layer dropout_1: dropout rate must be in [0, 1), got 1',
  );
});
