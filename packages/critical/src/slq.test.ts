import { describe, expect, it } from 'vitest';
import { describeBackends } from '@losslens/testing';
import { slqDensity, slqExpectation } from './slq.js';
import { minimumRatio, minimumRatioFromSlq } from './minimum-ratio.js';
import { denseOperator, hessianOperator } from './operator.js';
import { fullHessian } from './full-hessian.js';
import { symmetricEigenvalues } from './symmetric-eigen.js';
import { denseNetObjective, matrixWithSpectrum, randomTheta, tinyData } from '../test/fixtures.js';

const spacing = (grid: Float64Array) => (grid[1] as number) - (grid[0] as number);

describe('SLQ on known spectra', () => {
  it('with steps = n the nodes are the exact eigenvalues and the weights sum to 1', () => {
    const spectrum = [-4, -1, 0.5, 2, 3, 8];
    const slq = slqDensity(denseOperator(matrixWithSpectrum(spectrum, 3)), { runs: 3, steps: 6, gridPoints: 500 });
    expect(slq.steps).toBe(6);
    expect(slq.applications).toBe(18);
    for (const run of slq.runs) {
      expect(Array.from(run.nodes)).toEqual(spectrum.map((x) => expect.closeTo(x, 9)));
      expect(run.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    }
    // the density integrates to 1, and PyHessian's broadening: σ² = 1e-5·max(1, range)
    expect(slq.density.reduce((s, d) => s + d, 0) * spacing(slq.grid)).toBeCloseTo(1, 10);
    expect(slq.variance).toBeCloseTo(1e-5 * 12, 15);
  });

  it('Gauss quadrature is exact for low moments: the mean of n·Σ τ²θ^k matches tr(A^k) within its error bar', () => {
    const spectrum = Array.from({ length: 120 }, (_, i) => Math.cos(i) * 3 + (i % 7 === 0 ? 6 : 0));
    const slq = slqDensity(denseOperator(matrixWithSpectrum(spectrum, 4)), { runs: 30, steps: 12 });
    for (const k of [1, 2, 3]) {
      const exact = spectrum.reduce((s, x) => s + x ** k, 0);
      const { estimate, standardError } = slqExpectation(slq, (x) => x ** k);
      expect(Math.abs(estimate - exact)).toBeLessThan(3 * standardError);
    }
  });

  it('the density puts the right mass on each part of a two-cluster spectrum', () => {
    // 70 % of the eigenvalues near −1, 30 % near 5
    const spectrum = [...Array.from({ length: 140 }, (_, i) => -1 + 0.01 * Math.sin(i)), ...Array.from({ length: 60 }, (_, i) => 5 + 0.01 * Math.cos(i))];
    const slq = slqDensity(denseOperator(matrixWithSpectrum(spectrum, 6)), { runs: 20, steps: 20, gridPoints: 2000 });
    let below = 0;
    slq.grid.forEach((x, i) => {
      if (x < 2) below += (slq.density[i] as number) * spacing(slq.grid);
    });
    expect(below).toBeCloseTo(0.7, 1);
  });

  it('minimum ratio from SLQ agrees with the exact count on a constructed spectrum (within its error bar + quadrature bias)', () => {
    // 300 eigenvalues: 60 % positive, 30 % negative, 10 % exactly zero
    const spectrum = Array.from({ length: 300 }, (_, i) => (i < 180 ? 0.1 + (i % 17) : i < 270 ? -0.1 - (i % 5) : 0));
    const exact = minimumRatio(spectrum);
    expect(exact.value).toBeCloseTo(0.6, 12);
    expect(exact.counts).toEqual({ positive: 180, negative: 90, zero: 30 });
    const slq = slqDensity(denseOperator(matrixWithSpectrum(spectrum, 2)), { runs: 10, steps: 60 });
    const estimated = minimumRatioFromSlq(slq);
    expect(estimated.method).toBe('slq');
    expect(estimated.standardError).toBeGreaterThan(0);
    expect(Math.abs(estimated.value - 0.6)).toBeLessThan(3 * estimated.standardError + 0.02); // observed 0.616 ± 0.012
  });

  it('rejects bad settings', () => {
    const op = denseOperator(matrixWithSpectrum([1, 2], 1));
    expect(() => slqDensity(op, { runs: 0 })).toThrow('runs must be an integer ≥ 1, got 0');
    expect(() => slqDensity(op, { gridPoints: 1 })).toThrow('gridPoints must be an integer ≥ 2, got 1');
    expect(() => slqDensity(op, { varianceFactor: 0 })).toThrow('varianceFactor must be > 0, got 0');
  });
});

describeBackends('SLQ on a network Hessian', () => {
  it('with steps = P reproduces the dense spectrum', () => {
    const data = tinyData(10, 2, 2, 3);
    const objective = denseNetObjective([2, 3, 2], 'tanh', 'mse', data); // P = 17
    const theta = randomTheta(objective.parameterCount, 5);
    const exact = symmetricEigenvalues(fullHessian(objective, theta));
    const slq = slqDensity(hessianOperator(objective, theta), { runs: 1, steps: 17 });
    const run = slq.runs[0];
    const scale = Math.max(Math.abs(exact[0] as number), Math.abs(exact[16] as number));
    exact.forEach((value, i) => expect(Math.abs((run?.nodes[i] as number) - value)).toBeLessThan(1e-4 * scale));
  });
});
