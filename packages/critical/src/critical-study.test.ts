import { expect, it } from 'vitest';
import { createModel } from '@losslens/models';
import { makeCurve } from '@losslens/data';
import { describeBackends, finiteDifferenceHessian } from '@losslens/testing';
import { criticalStudy, polishCriticalPoint, summarizeCriticalStudy, type CriticalStudyPoint } from './critical-study.js';
import { spearman } from './rank-correlation.js';
import { datasetObjective } from './dataset-objective.js';
import { symmetricEigenvalues } from './symmetric-eigen.js';
import { lectureObjective } from '../test/fixtures.js';

describeBackends('critical study', () => {
  it('gradient-norm polish lands ON the nearby critical point, even a saddle (the lecture example)', () => {
    const polished = polishCriticalPoint(lectureObjective(), Float32Array.of(0.01, -0.02), { method: 'gradient-norm', target: 1e-7 });
    expect(polished.gradientNormBefore).toBeGreaterThan(0.04);
    expect(polished.gradientNormAfter).toBeLessThan(1e-6);
    // the nearest critical point is the saddle at the origin: ∇L = 2(w1w2 − 1)(w2, w1) = 0 ⇔ w = 0 here
    expect(Math.hypot(...polished.theta)).toBeLessThan(1e-5);
    // Newton-MR (the default) and Levenberg–Marquardt get there in a few steps
    for (const method of ['newton-mr', 'levenberg-marquardt'] as const) {
      const fast = polishCriticalPoint(lectureObjective(), Float32Array.of(0.01, -0.02), { method, target: 1e-7 });
      expect(fast.steps).toBeLessThanOrEqual(8);
      expect(fast.gradientNormAfter).toBeLessThan(1e-6);
      expect(Math.hypot(...fast.theta)).toBeLessThan(1e-5);
    }
  });

  it('Newton-MR and Levenberg–Marquardt converge onto a minimum with a flat direction (the valley w1·w2 = 1, H singular along it)', () => {
    for (const method of ['newton-mr', 'levenberg-marquardt'] as const) {
      const polished = polishCriticalPoint(lectureObjective(), Float32Array.of(1.3, 0.9), { method, target: 1e-6 });
      expect(polished.gradientNormAfter).toBeLessThan(1e-5);
      expect((polished.theta[0] as number) * (polished.theta[1] as number)).toBeCloseTo(1, 5);
    }
    const none = polishCriticalPoint(lectureObjective(), Float32Array.of(1.3, 0.9), { method: 'none' });
    expect(none.steps).toBe(0);
    expect(none.gradientNormAfter).toBe(none.gradientNormBefore);
    expect(() => polishCriticalPoint(lectureObjective(), Float32Array.of(1, 1), { method: 'gradient-descent' })).toThrow(
      'polish by gradient descent needs a positive learningRate',
    );
  });

  it('trains several seeds, polishes, and reports ratio and loss; the ratio matches an independent finite-difference Hessian', async () => {
    const train = makeCurve({ n: 16, seed: 1, noise: 0.1 });
    const model = createModel('mlp:3:tanh', { inputShape: [1], outputs: 1 }); // P = 10
    const progress: string[] = [];
    const events = { emit: (e: { type: string; message?: string }) => void progress.push(e.message ?? ''), on: () => () => {} };
    const result = await criticalStudy({ model, train, runs: 2, fit: { epochs: 30, learningRate: 0.05 }, polish: { steps: 4 }, events });
    expect(result.parameters).toBe(10);
    expect(result.points.map((p) => p.seed)).toEqual([0, 1]);
    expect(progress).toHaveLength(2);
    const objective = datasetObjective(model, train);
    result.points.forEach((point, k) => {
      expect(point.gradientNorm).toBeLessThanOrEqual(point.gradientNormAfterFit);
      expect(point.minimumRatio).toBeGreaterThanOrEqual(0);
      expect(point.minimumRatio).toBeLessThanOrEqual(1);
      expect(point.minimumRatioMethod).toBe('exact');
      const theta = result.thetas[k] as Float32Array;
      expect(point.loss).toBeCloseTo(objective.loss(theta), 6);
      // independent reference: central differences of the gradient, eigenvalues by ml-matrix-free QL
      const H = finiteDifferenceHessian((t) => objective.gradient(t), theta);
      const values = symmetricEigenvalues(H);
      const scale = Math.max(...Array.from(values, Math.abs));
      const positive = Array.from(values).filter((v) => v > 1e-3 * scale).length; // well above FD noise
      const ambiguous = Array.from(values).filter((v) => Math.abs(v) <= 1e-3 * scale).length;
      expect(Math.abs(point.minimumRatio * 10 - positive)).toBeLessThanOrEqual(ambiguous);
      expect(point.critical).toBe(point.gradientNorm <= 1e-3);
      expect(point.flatDirections).toBe(point.counts.zero);
      expect(point.counts.positive + point.counts.negative + point.counts.zero).toBe(10);
    });
    objective.dispose();
    const critical = result.points.filter((p) => p.critical);
    expect(result.summary).toMatchObject({ runs: 2, critical: critical.length, gradientTolerance: 1e-3 });
    const spec = result.spec as { data: { values: unknown[] }; encoding: { x: { field: string } } };
    expect(spec.data.values).toHaveLength(critical.length); // the scatter shows the critical runs only
    expect(spec.encoding.x.field).toBe('minimumRatio');
  });
});

it('summarizes only the runs that reached the gradient tolerance, with Spearman(ratio, loss)', () => {
  const point = (seed: number, minimumRatio: number, loss: number, gradientNorm: number): CriticalStudyPoint => ({
    seed, loss, minimumRatio, minimumRatioMethod: 'exact', gradientNorm, gradientNormAfterFit: gradientNorm, polishSteps: 0,
    kind: gradientNorm <= 1e-3 ? 'local-minimum' : 'not-critical', critical: gradientNorm <= 1e-3,
    counts: { positive: 1, negative: 0, zero: 1 }, flatDirections: 1, zeroTolerance: 1e-6, topEigenvalue: 1, bottomEigenvalue: 0,
  });
  const points = [point(0, 0.4, 0.3, 1e-4), point(1, 0.6, 0.2, 5e-4), point(2, 0.9, 0.5, 2e-2), point(3, 0.5, 0.25, 1e-3), point(4, 0.7, 0.1, 1e-5)];
  const summary = summarizeCriticalStudy(points, 1e-3);
  expect(summary).toMatchObject({ runs: 5, critical: 4, largestRatio: 0.7, smallestRatio: 0.4, kinds: { 'local-minimum': 4 } });
  // ranks of (0.4, 0.6, 0.5, 0.7) against (0.3, 0.2, 0.25, 0.1) are exactly reversed
  expect(summary.correlation).toEqual(spearman([0.4, 0.6, 0.5, 0.7], [0.3, 0.2, 0.25, 0.1]));
  expect(summary.correlation.rho).toBe(-1);
  const none = summarizeCriticalStudy([points[2] as CriticalStudyPoint]);
  expect(none.critical).toBe(0);
  expect(none.largestRatio).toBeNaN();
});

it('needs at least one run', async () => {
  const model = createModel('linear', { inputShape: [1], outputs: 1 });
  await expect(criticalStudy({ model, train: makeCurve({ n: 4 }), seeds: [] })).rejects.toThrow('the critical study needs at least one run');
});
