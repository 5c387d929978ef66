import { describe, expect, it } from 'vitest';
import { describeBackends } from '@losslens/testing';
import { hutchinsonTrace, hutchPlusPlusTrace } from './hutchinson.js';
import { denseOperator, hessianOperator } from './operator.js';
import { fullHessian } from './full-hessian.js';
import { denseNetObjective, matrixWithSpectrum, randomTheta, tinyData } from '../test/fixtures.js';

const traceOf = (data: Float64Array, n: number) => {
  let t = 0;
  for (let i = 0; i < n; i++) t += data[i * n + i] as number;
  return t;
};

describe('trace estimators on known spectra', () => {
  // 40 eigenvalues, a few large ones and a mixed-sign bulk; trace = Σλ.
  const spectrum = [30, 12, 6, ...Array.from({ length: 37 }, (_, i) => Math.sin(i * 2.3))];
  const exact = spectrum.reduce((s, x) => s + x, 0);
  const matrix = matrixWithSpectrum(spectrum, 8);

  it('Hutchinson: ±2 standard errors cover the exact trace on ~95 % of 200 seeds (t with 29 df: 94.5 %)', () => {
    let covered = 0;
    for (let seed = 0; seed < 200; seed++) {
      const { estimate, standardError, applications } = hutchinsonTrace(denseOperator(matrix), { samples: 30, seed });
      expect(applications).toBe(30);
      if (Math.abs(estimate - exact) <= 2 * standardError) covered++;
    }
    // observed 184/200 = 92 % when written; a rate far from 95 % means the error bar is wrong
    expect(covered / 200).toBeGreaterThanOrEqual(0.9);
    expect(covered / 200).toBeLessThanOrEqual(0.99);
  });

  it('Hutch++ is exact on a matrix of rank ≤ k and beats Hutchinson at the same budget', () => {
    const lowRank = matrixWithSpectrum([5, -3, 2, ...new Array(27).fill(0)], 2);
    const sketch = hutchPlusPlusTrace(denseOperator(lowRank), { applications: 12, seed: 1 });
    expect(sketch.estimate).toBeCloseTo(4, 10);
    expect(sketch.standardError).toBeLessThan(1e-10);
    expect(sketch.applications).toBe(11); // 4 sketch columns, the 4th numerically in span(Q) and dropped: 4 + 3 + 4

    let squaredPlain = 0;
    let squaredPlus = 0;
    let coveredPlus = 0;
    for (let seed = 0; seed < 100; seed++) {
      const plain = hutchinsonTrace(denseOperator(matrix), { samples: 30, seed });
      const plus = hutchPlusPlusTrace(denseOperator(matrix), { applications: 30, seed });
      squaredPlain += (plain.estimate - exact) ** 2;
      squaredPlus += (plus.estimate - exact) ** 2;
      if (Math.abs(plus.estimate - exact) <= 2 * plus.standardError) coveredPlus++;
    }
    // observed: squared error 165 vs 5774 (35× smaller), coverage 95/100
    expect(squaredPlus).toBeLessThan(squaredPlain / 4); // the large eigenvalues are sketched exactly
    expect(coveredPlus / 100).toBeGreaterThanOrEqual(0.85); // 10 residual samples: t with 9 df → 92.4 %
  });

  it('rejects too few samples', () => {
    expect(() => hutchinsonTrace(denseOperator(matrix), { samples: 1 })).toThrow('samples must be an integer ≥ 2, got 1');
    expect(() => hutchPlusPlusTrace(denseOperator(matrix), { applications: 4 })).toThrow('applications must be an integer ≥ 6, got 4');
  });
});

describeBackends('Hutchinson on a network Hessian', () => {
  it('covers the dense trace within 2 standard errors on at least 8 of 10 seeds', () => {
    const data = tinyData(10, 3, 3, 1);
    const objective = denseNetObjective([3, 3, 3], 'tanh', 'crossentropy', data);
    const theta = randomTheta(objective.parameterCount, 2);
    const H = fullHessian(objective, theta);
    const exact = traceOf(H.data, H.size);
    let covered = 0;
    for (let seed = 0; seed < 10; seed++) {
      const { estimate, standardError } = hutchinsonTrace(hessianOperator(objective, theta), { samples: 20, seed });
      if (Math.abs(estimate - exact) <= 2 * standardError) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(8); // observed 10/10
  });
});
