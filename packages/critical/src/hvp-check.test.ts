import { expect, it } from 'vitest';
import { describeBackends, expectNoLeaks, finiteDifferenceGradient } from '@losslens/testing';
import { finiteDifferenceHvp, hvpCrossCheck } from './hvp-check.js';
import { denseNetObjective, lectureObjective, randomTheta, tinyData } from '../test/fixtures.js';

describeBackends('HVP cross-check', () => {
  it('the exact HVP agrees with the finite-difference cross-check on a tanh net', async () => {
    const data = tinyData(6, 3, 2, 4);
    const objective = denseNetObjective([3, 4, 2], 'tanh', 'mse', data);
    const theta = randomTheta(objective.parameterCount, 1);
    const v = randomTheta(objective.parameterCount, 2, 1);
    const check = await expectNoLeaks(() => hvpCrossCheck(objective, theta, v));
    expect(check.relativeError).toBeLessThan(2e-3);
    // the gradient itself agrees with central differences of the loss
    const reference = finiteDifferenceGradient((t) => objective.loss(t), theta);
    const gradient = objective.gradient(theta);
    for (let i = 0; i < gradient.length; i++) expect(gradient[i]).toBeCloseTo(reference[i] as number, 2);
  });

  it('finiteDifferenceHvp is linear in the length of v', () => {
    const objective = lectureObjective();
    const w = Float32Array.of(0.3, 0.2);
    const a = finiteDifferenceHvp(objective, w, [1, 1]);
    const b = finiteDifferenceHvp(objective, w, [3, 3]);
    expect(b[0]).toBeCloseTo(3 * (a[0] as number), 4);
    expect(Array.from(finiteDifferenceHvp(objective, w, [0, 0]))).toEqual([0, 0]);
  });
});
