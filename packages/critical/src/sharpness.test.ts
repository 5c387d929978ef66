import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@losslens/core';
import { createModel } from '@losslens/models';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { keskarSharpness, sharpness, sharpnessMeasure } from './sharpness.js';
import { objectiveFromLoss } from './objective.js';
import { matrixWithSpectrum, quadraticObjective, randomTheta, tinyData } from '../test/fixtures.js';

/** max over the 2^n corners of the box of ½(θ + y − c)ᵀA(θ + y − c): the exact maximum of a convex quadratic. */
const bruteForceCorners = (a: Float64Array, n: number, theta: number[], c: number[], epsilon: number) => {
  let best = Number.NEGATIVE_INFINITY;
  for (let mask = 0; mask < 2 ** n; mask++) {
    const d = theta.map((t, i) => t + ((mask >> i) & 1 ? 1 : -1) * epsilon * (Math.abs(t) + 1) - (c[i] as number));
    let q = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q += (d[i] as number) * (a[i * n + j] as number) * (d[j] as number);
    best = Math.max(best, 0.5 * q);
  }
  return best;
};

describeBackends('Keskar ε-sharpness', () => {
  it('a linear loss L = cᵀθ + 2: the maximum is Σ|c_i|·ε(|θ_i| + 1), reached at the corner sign(c)', async () => {
    const c = [0.5, -2, 1.5];
    const objective = objectiveFromLoss((t) => tf.add(tf.sum(tf.mul(t, tf.tensor1d(c))), 2), 3);
    const theta = Float32Array.of(1, -3, 0.25);
    const result = await expectNoLeaks(() => keskarSharpness(objective, theta, { epsilon: 1e-3 }));
    const loss = 0.5 * 1 + -2 * -3 + 1.5 * 0.25 + 2;
    const rise = 0.5 * 1e-3 * 2 + 2 * 1e-3 * 4 + 1.5 * 1e-3 * 1.25;
    expect(result.loss).toBeCloseTo(loss, 5);
    expect(result.value).toBeCloseTo((rise / (1 + loss)) * 100, 3);
    expect(Array.from(result.perturbation)).toEqual([1e-3 * 2, -1e-3 * 4, 1e-3 * 1.25].map((x) => expect.closeTo(x, 8)));
  });

  it('a convex quadratic at and away from its minimum matches brute force over the box corners', () => {
    const matrix = matrixWithSpectrum([0.5, 4, 20], 7);
    const center = [0.3, -0.2, 0.1];
    const objective = quadraticObjective(matrix, center);
    for (const theta of [center, [1, 2, -1]]) {
      for (const epsilon of [1e-3, 5e-4]) {
        const result = keskarSharpness(objective, Float32Array.from(theta), { epsilon });
        const loss = bruteForceCorners(matrix.data, 3, theta, center, 0); // ε = 0: the loss itself
        const exact = ((bruteForceCorners(matrix.data, 3, theta, center, epsilon) - loss) / (1 + loss)) * 100;
        expect(result.value).toBeGreaterThan(0);
        expect(Math.abs(result.value - exact)).toBeLessThan(2e-3 * exact + 1e-7); // float32 loss differences
      }
    }
  });

  it('sharpness(): top eigenvalue and both ε of a quadratic with a known spectrum', () => {
    const objective = quadraticObjective(matrixWithSpectrum([0.5, 1, 3, 12], 2));
    const result = sharpness(objective, new Float32Array(4));
    expect(result.topEigenvalue).toBeCloseTo(12, 3);
    expect(result.keskarByEpsilon.map((k) => k.epsilon)).toEqual([1e-3, 5e-4]);
    expect(result.keskar).toBe(result.keskarByEpsilon[0]?.value);
    // at the minimum θ = 0 the box is |y_i| ≤ ε, and the quadratic's rise scales with ε²
    const ratio = (result.keskarByEpsilon[0]?.value ?? 0) / (result.keskarByEpsilon[1]?.value ?? 1);
    expect(ratio).toBeCloseTo(4, 1);
  });

  it('sharpnessMeasure fits batchStudy: a model, θ and the training set in, { topEigenvalue, keskar } out', () => {
    const data = tinyData(8, 2, 1, 2);
    const train: Dataset = {
      name: 'tiny', task: 'regression', n: 8, featureShape: [2], features: data.x, targets: data.y, outputs: 1,
      featureNames: ['a', 'b'], targetName: 'y', origin: 'test:tiny',
    };
    const model = createModel('mlp:3:tanh', { inputShape: [2], outputs: 1 });
    const before = tf.memory().numTensors;
    const result = sharpnessMeasure()(model, randomTheta(model.parameterCount, 1), train);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(result).sort()).toEqual(['keskar', 'topEigenvalue']);
    expect(result.topEigenvalue).toBeGreaterThan(0);
    expect(result.keskar).toBeGreaterThan(0);
  });
});

it('rejects a bad ε', () => {
  const objective = quadraticObjective(matrixWithSpectrum([1, 2], 1));
  expect(() => keskarSharpness(objective, new Float32Array(2), { epsilon: 0 })).toThrow('epsilon must be a positive number, got 0');
  expect(() => sharpness(objective, new Float32Array(2), { epsilons: [] })).toThrow('sharpness needs at least one epsilon');
});
