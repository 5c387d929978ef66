import { expect, it } from 'vitest';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { escapeSaddle } from './escape.js';
import { lectureObjective } from '../test/fixtures.js';

describeBackends('escapeSaddle', () => {
  it('the lecture saddle: along u = (1, 1)/√2 (λ = −2) the loss drops from 1 to 0 at η = √2', async () => {
    const objective = lectureObjective();
    const origin = Float32Array.of(0, 0);
    const result = await expectNoLeaks(() => escapeSaddle(objective, origin, { value: -2, vector: [1, 1] }, { largestEigenvalue: 2 }));
    expect(result.lossBefore).toBe(1);
    // closed form along θ = ηu: L = (η²/2 − 1)², minimized (= 0) at |η| = √2
    expect(Math.abs(result.step)).toBeCloseTo(Math.SQRT2, 6);
    expect(result.lossAfter).toBeLessThan(1e-12);
    expect(result.predictedChange).toBeCloseTo(-2, 5); // ½λη² = ½·(−2)·2
    expect(Array.from(result.theta).map(Math.abs)).toEqual([expect.closeTo(1, 6), expect.closeTo(1, 6)]);
    for (const candidate of result.candidates) {
      const eta = candidate.step;
      expect(candidate.loss).toBeCloseTo((eta * eta / 2 - 1) ** 2, 4);
      // the second-order prediction 1 − η² misses exactly the quartic term η⁴/4
      expect(candidate.predicted).toBeCloseTo(1 - eta * eta, 10);
      expect(candidate.loss - candidate.predicted).toBeCloseTo(eta ** 4 / 4, 4);
    }
    // small steps: prediction and actual agree to O(η⁴)
    const small = result.candidates.find((c) => Math.abs(c.step) < 0.01);
    expect(small).toBeDefined();
    expect(Math.abs((small?.loss ?? 0) - (small?.predicted ?? 1))).toBeLessThan(1e-6);
    // plain gradient steps cannot leave: the gradient is exactly zero
    expect(result.gradientStep).toEqual({ learningRate: 0, lossAfter: 1 });
    expect(result.gradientDescent).toEqual({ steps: 10, learningRate: 0.5, lossAfter: 1 });
  });

  it('near (not at) the saddle the eigenvector step still beats plain gradient descent', () => {
    const objective = lectureObjective();
    const near = Float32Array.of(0.01, -0.02);
    const result = escapeSaddle(objective, near, { value: -2, vector: [1, 1] }, { largestEigenvalue: 2 });
    expect(result.lossAfter).toBeLessThan(1e-3); // the √2-spaced grid lands near the minimum of (η²/2 − 1)²
    // one line-searched gradient step barely moves: the gradient is only ~0.04 long
    expect(result.gradientStep.lossAfter).toBeGreaterThan(0.9);
    expect(result.lossAfter).toBeLessThan(result.gradientDescent.lossAfter);
  });
});

it('rejects a non-negative eigenvalue and a zero vector', () => {
  const objective = lectureObjective();
  expect(() => escapeSaddle(objective, Float32Array.of(0, 0), { value: 1, vector: [1, 1] })).toThrow('escape needs a negative eigenvalue, got 1');
  expect(() => escapeSaddle(objective, Float32Array.of(0, 0), { value: -1, vector: [0, 0] })).toThrow('the eigenvector is zero');
});
