import { expect, it } from 'vitest';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { analyzeCriticalPoint } from './analyze.js';
import { denseNetObjective, lectureObjective, matrixWithSpectrum, quadraticObjective, tinyData } from '../test/fixtures.js';

describeBackends('analyzeCriticalPoint', () => {
  it('answers the losslens hessian contract for the lecture saddle', async () => {
    const report = await expectNoLeaks(() => analyzeCriticalPoint(lectureObjective(), Float32Array.of(0, 0), { full: true }));
    expect(report).toMatchObject({
      parameters: 2,
      loss: 1,
      gradientNorm: 0,
      eigenvalues: [expect.closeTo(-2, 10), expect.closeTo(2, 10)],
      top: [expect.closeTo(2, 10), expect.closeTo(-2, 10)],
      bottom: [expect.closeTo(-2, 10), expect.closeTo(2, 10)],
      minimumRatio: 0.5,
      kind: 'saddle-point',
      method: 'full',
      minimumRatioMethod: 'exact',
      counts: { positive: 1, negative: 1, zero: 0 },
      hessianVectorProducts: 2,
    });
    expect(report.escape?.eigenvalue).toBeCloseTo(-2, 10);
    expect(Math.abs(report.escape?.step ?? 0)).toBeCloseTo(Math.SQRT2, 6);
    expect(report.escape?.lossBefore).toBe(1);
    expect(report.escape?.lossAfter).toBeLessThan(1e-12);
    expect(report.escape?.gradientDescent.lossAfter).toBe(1);
    // JSON round trip keeps every contract field
    const json = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
    for (const key of ['parameters', 'loss', 'gradientNorm', 'eigenvalues', 'top', 'bottom', 'minimumRatio', 'kind', 'escape']) {
      expect(json).toHaveProperty(key);
    }
  });

  it('finds the saddle of a tanh net at zero weights (output bias = mean target) and escapes it', () => {
    // At W1 = 0, b1 = 0, W2 = 0, b2 = mean(y) every gradient vanishes: the classic symmetric saddle.
    const sizes = [2, 3, 1];
    const data = tinyData(12, 2, 1, 4);
    data.y.forEach((_, i) => (data.y[i] = (data.x[2 * i] as number) - 0.5 * (data.x[2 * i + 1] as number))); // y depends on x
    const objective = denseNetObjective(sizes, 'tanh', 'mse', data);
    const theta = new Float32Array(objective.parameterCount);
    theta[theta.length - 1] = data.y.reduce((s, v) => s + v, 0) / data.y.length;
    const report = analyzeCriticalPoint(objective, theta, { full: true });
    expect(report.gradientNorm).toBeLessThan(1e-6);
    expect(report.kind).toBe('saddle-point');
    expect(report.bottom[0]).toBeLessThan(0);
    expect(report.escape?.lossAfter).toBeLessThan((report.escape?.lossBefore ?? 0) * 0.9);
    expect(report.escape?.gradientDescent.lossAfter).toBeCloseTo(report.loss, 6);
  });

  it('Lanczos + SLQ mode on a quadratic with a known spectrum', () => {
    const spectrum = Array.from({ length: 120 }, (_, i) => (i < 84 ? 0.5 + 0.1 * i : -0.2 - 0.05 * (i - 84))); // 70 % positive, distinct
    const objective = quadraticObjective(matrixWithSpectrum(spectrum, 3));
    const report = analyzeCriticalPoint(objective, new Float32Array(120), {
      exactLimit: 0,
      top: 2,
      bottom: 2,
      slq: { runs: 10, steps: 40 },
      escape: false,
    });
    expect(report.method).toBe('lanczos');
    expect(report.eigenvalues).toBeUndefined();
    expect(report.top).toEqual([expect.closeTo(8.8, 3), expect.closeTo(8.7, 3)]);
    expect(report.bottom).toEqual([expect.closeTo(-1.95, 3), expect.closeTo(-1.9, 3)]);
    expect(report.kind).toBe('saddle-point');
    expect(report.minimumRatioMethod).toBe('slq');
    expect(Math.abs(report.minimumRatio - 0.7)).toBeLessThan(3 * report.minimumRatioStandardError + 0.02);
    expect(report.converged).toBe(true);
    for (const r of [...report.residuals.top, ...report.residuals.bottom]) expect(r).toBeLessThan(1e-3);
  });

  it('a positive-definite quadratic at its minimum; the same quadratic elsewhere is not critical', () => {
    const objective = quadraticObjective(matrixWithSpectrum([0.5, 1, 2, 3], 1), [1, -1, 0.5, 2]);
    const atMinimum = analyzeCriticalPoint(objective, Float32Array.of(1, -1, 0.5, 2));
    expect(atMinimum.kind).toBe('local-minimum');
    expect(atMinimum.minimumRatio).toBe(1);
    expect(atMinimum.escape).toBeUndefined();
    const elsewhere = analyzeCriticalPoint(objective, Float32Array.of(0, 0, 0, 0));
    expect(elsewhere.kind).toBe('not-critical');
    expect(elsewhere.minimumRatio).toBe(1);
  });
});

it('rejects bad counts naming the flag', () => {
  expect(() => analyzeCriticalPoint(lectureObjective(), Float32Array.of(0, 0), { top: 0 })).toThrow('--top must be a positive integer, got 0');
});
