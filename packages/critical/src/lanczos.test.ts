import { describe, expect, it } from 'vitest';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { lanczos, lanczosDecomposition } from './lanczos.js';
import { denseOperator, hessianOperator } from './operator.js';
import { fullHessian } from './full-hessian.js';
import { symmetricEigen } from './symmetric-eigen.js';
import { denseNetObjective, matrixWithSpectrum, randomTheta, tinyData } from '../test/fixtures.js';

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

describe('lanczos on matrices with known spectra', () => {
  // 200 eigenvalues: a bulk in [−1, 1] plus outliers on both sides, as Hessians have.
  const bulk = Array.from({ length: 194 }, (_, i) => Math.cos(i * 0.37));
  const spectrum = [...bulk, -6, -4, -3.5, 9, 20, 55];
  const matrix = matrixWithSpectrum(spectrum, 21);

  it('finds the top-3 and bottom-3 eigenpairs with small residuals in far fewer than n steps', () => {
    const operator = denseOperator(matrix);
    const result = lanczos(operator, { top: 3, bottom: 3, tolerance: 1e-8 });
    expect(result.converged).toBe(true);
    expect(result.steps).toBeLessThan(120);
    expect(result.top.map((p) => p.value)).toEqual([55, 20, 9].map((x) => expect.closeTo(x, 8)));
    expect(result.bottom.map((p) => p.value)).toEqual([-6, -4, -3.5].map((x) => expect.closeTo(x, 8)));
    for (const pair of [...result.top, ...result.bottom]) {
      expect(pair.residual).toBeLessThan(1e-6);
      // the reported residual is the true ‖Av − λv‖
      const av = denseOperator(matrix).apply(pair.vector);
      const r = Math.hypot(...av.map((x, i) => x - pair.value * (pair.vector[i] as number)));
      expect(pair.residual).toBeCloseTo(r, 12);
      expect(Math.hypot(...pair.vector)).toBeCloseTo(1, 12);
    }
    expect(result.residualApplications).toBe(6);
    expect(operator.applications).toBe(result.steps + 6);
    expect(result.topHistory.length).toBe(result.steps);
  });

  it('with steps = n recovers every eigenvalue, repeated ones included (restarts on invariant subspaces)', () => {
    const repeated = [-2, -2, -2, 0, 0, 1, 1, 1, 1, 5];
    const operator = denseOperator(matrixWithSpectrum(repeated, 3));
    const result = lanczos(operator, { top: 4, bottom: 3, maxSteps: 10 });
    expect(result.steps).toBe(10);
    expect(Array.from(result.ritzValues)).toEqual(sorted(repeated).map((x) => expect.closeTo(x, 10)));
    expect(result.top.map((p) => p.value)).toEqual([5, 1, 1, 1].map((x) => expect.closeTo(x, 10)));
    expect(result.bottom.map((p) => p.value)).toEqual([-2, -2, -2].map((x) => expect.closeTo(x, 10)));
  });

  it('the decomposition is a true Lanczos relation: QᵀAQ = T with orthonormal Q', () => {
    const operator = denseOperator(matrix);
    const start = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i));
    const d = lanczosDecomposition(operator, start, 30);
    for (let i = 0; i < 30; i++) {
      const aq = denseOperator(matrix).apply(d.basis[i] as Float64Array);
      for (let j = 0; j < 30; j++) {
        const qj = d.basis[j] as Float64Array;
        const qq = qj.reduce((s, x, k) => s + x * ((d.basis[i] as Float64Array)[k] as number), 0);
        const qaq = qj.reduce((s, x, k) => s + x * (aq[k] as number), 0);
        expect(qq).toBeCloseTo(i === j ? 1 : 0, 12);
        const t = i === j ? d.alpha[i] : Math.abs(i - j) === 1 ? d.beta[Math.min(i, j)] : 0;
        expect(qaq).toBeCloseTo(t as number, 10);
      }
    }
  });

  it('rejects bad counts and start vectors', () => {
    const operator = denseOperator(matrix);
    expect(() => lanczos(operator, { top: -1 })).toThrow('top must be a non-negative integer, got -1');
    expect(() => lanczosDecomposition(operator, new Float64Array(200), 5)).toThrow('the start vector must be non-zero and finite');
    expect(() => lanczosDecomposition(operator, new Float64Array(3), 5)).toThrow('start vector has 3 entries, expected 200');
  });
});

describeBackends('lanczos on a network Hessian', () => {
  it('agrees with the dense eigendecomposition of the same Hessian (tanh, cross-entropy)', async () => {
    const data = tinyData(16, 4, 3, 2);
    const objective = denseNetObjective([4, 6, 3], 'tanh', 'crossentropy', data); // P = 51
    const theta = randomTheta(objective.parameterCount, 7);
    const exact = symmetricEigen(fullHessian(objective, theta)).values;
    const operator = hessianOperator(objective, theta);
    const result = await expectNoLeaks(() => lanczos(operator, { top: 2, bottom: 2, tolerance: 1e-4 }));
    const scale = Math.max(Math.abs(exact[0] as number), Math.abs(exact[exact.length - 1] as number));
    const n = exact.length;
    expect(result.top[0]?.value).toBeCloseTo(exact[n - 1] as number, 4);
    expect(result.top[1]?.value).toBeCloseTo(exact[n - 2] as number, 4);
    expect(result.bottom[0]?.value).toBeCloseTo(exact[0] as number, 4);
    expect(result.bottom[1]?.value).toBeCloseTo(exact[1] as number, 4);
    for (const pair of [...result.top, ...result.bottom]) expect(pair.residual).toBeLessThan(1e-3 * scale);
  });
});
