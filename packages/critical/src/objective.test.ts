import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { gradientNorm, objectiveFromLoss } from './objective.js';
import { lectureObjective } from '../test/fixtures.js';

describeBackends('objective', () => {
  it('the lecture example at (0, 0): loss 1, gradient 0, H = [[0, −2], [−2, 0]]', async () => {
    const objective = lectureObjective();
    const origin = Float32Array.of(0, 0);
    await expectNoLeaks(() => {
      expect(objective.loss(origin)).toBe(1);
      expect(Array.from(objective.gradient(origin))).toEqual([0, 0]);
      expect(gradientNorm(objective, origin)).toBe(0);
      // Columns of H by HVPs along e1, e2: closed form ∂²L/∂w1∂w2 = 2(2·w1w2 − 1) = −2, ∂²L/∂w1² = 2w2² = 0.
      expect(Array.from(objective.hvp(origin, [1, 0]))).toEqual([0, -2]);
      expect(Array.from(objective.hvp(origin, [0, 1]))).toEqual([-2, 0]);
    });
  });

  it('away from the origin the gradient and HVP match the closed forms', () => {
    const objective = lectureObjective();
    const w = Float32Array.of(0.5, -1.5);
    // L = (w1w2 − 1)², r = w1w2 − 1 = −1.75; ∇L = 2r(w2, w1); H = [[2w2², 2(2w1w2 − 1)], [·, 2w1²]]
    const { loss, gradient } = objective.lossAndGradient(w);
    expect(loss).toBeCloseTo(1.75 ** 2, 5);
    expect(gradient[0]).toBeCloseTo(2 * -1.75 * -1.5, 5);
    expect(gradient[1]).toBeCloseTo(2 * -1.75 * 0.5, 5);
    const hv = objective.hvp(w, [1, 2]);
    expect(hv[0]).toBeCloseTo(2 * 1.5 ** 2 * 1 + 2 * (2 * -0.75 - 1) * 2, 4);
    expect(hv[1]).toBeCloseTo(2 * (2 * -0.75 - 1) * 1 + 2 * 0.25 * 2, 4);
  });
});

it('rejects θ of the wrong length and non-scalar losses with E_SHAPE', async () => {
  const { initTensorflow } = await import('@losslens/core');
  await initTensorflow({ backend: 'cpu' });
  const objective = lectureObjective();
  expect(() => objective.loss(Float32Array.of(1, 2, 3))).toThrow('theta has 3 entries but the objective has 2 parameters');
  expect(() => objective.hvp(Float32Array.of(1, 2), [1])).toThrow('the direction v has 1 entries but the objective has 2 parameters');
  const vectorLoss = objectiveFromLoss((t) => tf.mul(t, 2), 2);
  expect(() => vectorLoss.loss(Float32Array.of(1, 2))).toThrow('the loss must be a scalar, got shape [2]');
  expect(() => objectiveFromLoss((t) => tf.sum(t), 0)).toThrow('parameterCount must be a positive integer, got 0');
});
