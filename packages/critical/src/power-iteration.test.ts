import { describe, expect, it } from 'vitest';
import { describeBackends } from '@losslens/testing';
import { powerIteration } from './power-iteration.js';
import { denseOperator, hessianOperator } from './operator.js';
import { fullHessian } from './full-hessian.js';
import { symmetricEigenvalues } from './symmetric-eigen.js';
import { denseNetObjective, matrixWithSpectrum, randomTheta, tinyData } from '../test/fixtures.js';

describe('powerIteration on known spectra', () => {
  const spectrum = [-5, -1, -0.5, 0, 0.3, 1, 2, 3];

  it('largest, smallest and magnitude', () => {
    const matrix = matrixWithSpectrum(spectrum, 2);
    const largest = powerIteration(denseOperator(matrix), { tolerance: 1e-9 });
    expect(largest.value).toBeCloseTo(3, 8);
    expect(largest.shift).toBeCloseTo(-5, 6); // the dominant eigenvalue −5 had the wrong sign: shifted
    const smallest = powerIteration(denseOperator(matrix), { which: 'smallest', tolerance: 1e-9 });
    expect(smallest.value).toBeCloseTo(-5, 8);
    expect(smallest.shift).toBe(0);
    const magnitude = powerIteration(denseOperator(matrix), { which: 'magnitude', tolerance: 1e-9 });
    expect(magnitude.value).toBeCloseTo(-5, 8);
    for (const r of [largest, smallest, magnitude]) {
      expect(r.converged).toBe(true);
      expect(r.residual).toBeLessThanOrEqual(1e-9 * Math.abs(r.value - r.shift) + 1e-15);
      expect(r.history.length).toBe(r.applications);
    }
  });

  it('the smallest of a positive-definite matrix comes from the shifted phase', () => {
    const pd = denseOperator(matrixWithSpectrum([0.5, 1, 2, 4, 10], 4));
    const result = powerIteration(pd, { which: 'smallest', tolerance: 1e-10, maxIterations: 5000 });
    expect(result.value).toBeCloseTo(0.5, 7);
    expect(result.shift).toBeCloseTo(10, 6);
  });

  it('reports non-convergence honestly and rejects an unknown mode', () => {
    const close = denseOperator(matrixWithSpectrum([1, 0.999, 0.5], 6));
    const result = powerIteration(close, { tolerance: 1e-12, maxIterations: 5 });
    expect(result.converged).toBe(false);
    expect(result.applications).toBe(5);
    expect(() => powerIteration(close, { which: 'middle' as 'largest' })).toThrow('which must be largest, smallest or magnitude');
  });
});

describeBackends('powerIteration on a network Hessian', () => {
  it('matches the dense top and bottom eigenvalues (sigmoid, mse)', () => {
    const data = tinyData(12, 3, 2, 5);
    const objective = denseNetObjective([3, 4, 2], 'sigmoid', 'mse', data);
    const theta = randomTheta(objective.parameterCount, 4, 0.7);
    const exact = symmetricEigenvalues(fullHessian(objective, theta));
    const top = powerIteration(hessianOperator(objective, theta), { tolerance: 1e-4, maxIterations: 3000 });
    const bottom = powerIteration(hessianOperator(objective, theta), { which: 'smallest', tolerance: 1e-4, maxIterations: 3000 });
    const scale = Math.max(Math.abs(exact[0] as number), Math.abs(exact[exact.length - 1] as number));
    // |λ − θ| ≤ ‖residual‖ (Weyl): residual ≤ 1e-4·|λ| bounds the error
    expect(Math.abs(top.value - (exact[exact.length - 1] as number))).toBeLessThan(2e-4 * scale);
    expect(Math.abs(bottom.value - (exact[0] as number))).toBeLessThan(2e-4 * scale);
  });
});
