import { expect, it } from 'vitest';
import { createModel } from '@losslens/models';
import { makeCurve } from '@losslens/data';
import { describeBackends, finiteDifferenceHessian } from '@losslens/testing';
import { criticalStudy, polishCriticalPoint } from './critical-study.js';
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
    // Levenberg–Marquardt (the default) and Newton-MR get there in a few steps
    for (const method of ['levenberg-marquardt', 'newton-mr'] as const) {
      const fast = polishCriticalPoint(lectureObjective(), Float32Array.of(0.01, -0.02), { method, target: 1e-7 });
      expect(fast.steps).toBeLessThanOrEqual(8);
      expect(fast.gradientNormAfter).toBeLessThan(1e-6);
      expect(Math.hypot(...fast.theta)).toBeLessThan(1e-5);
    }
  });

  it('Levenberg–Marquardt converges onto a degenerate minimum (the valley w1·w2 = 1, H singular along it)', () => {
    const polished = polishCriticalPoint(lectureObjective(), Float32Array.of(1.3, 0.9), { target: 1e-6 });
    expect(polished.gradientNormAfter).toBeLessThan(1e-5);
    expect((polished.theta[0] as number) * (polished.theta[1] as number)).toBeCloseTo(1, 5);
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
      const ambiguous = Array.from(values).filter((v) => Math.abs(v) <= 1e-3 * scale && Math.abs(v) > 1e-4 * scale).length;
      expect(Math.abs(point.minimumRatio * 10 - positive)).toBeLessThanOrEqual(ambiguous);
    });
    objective.dispose();
    const spec = result.spec as { data: { values: unknown[] }; encoding: { x: { field: string } } };
    expect(spec.data.values).toHaveLength(2);
    expect(spec.encoding.x.field).toBe('minimumRatio');
  });
});

it('needs at least one run', async () => {
  const model = createModel('linear', { inputShape: [1], outputs: 1 });
  await expect(criticalStudy({ model, train: makeCurve({ n: 4 }), seeds: [] })).rejects.toThrow('the critical study needs at least one run');
});
