import { expect, it } from 'vitest';
import { createRng, type Dataset } from '@losslens/core';
import { createModel } from '@losslens/models';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { lrFind, smoothLosses, steepestDescent } from './lr-find.js';

function linearData(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const features = Float32Array.from({ length: 2 * n }, (_, k) => rng.normal() * (k % 2 === 0 ? 2 : 0.5) + 1);
  const targets = Float32Array.from({ length: n }, (_, i) => 1.5 * features[2 * i]! - 2 * features[2 * i + 1]! + 0.3 + 0.1 * rng.normal());
  return { name: 'lin', task: 'regression', n, featureShape: [2], features, targets, outputs: 1, featureNames: ['a', 'b'], targetName: 'y', origin: 'test' };
}

/** Largest eigenvalue of the MSE Hessian (2/n)·[X 1]ᵀ[X 1], by power iteration in float64. */
function hessianTop(ds: Dataset): number {
  const rows = Array.from({ length: ds.n }, (_, i) => [ds.features[2 * i]!, ds.features[2 * i + 1]!, 1]);
  const h = [0, 1, 2].map((r) => [0, 1, 2].map((c) => (2 / ds.n) * rows.reduce((s, x) => s + x[r]! * x[c]!, 0)));
  let v = [1, 1, 1];
  let lambda = 0;
  for (let k = 0; k < 500; k++) {
    const w = h.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
    lambda = Math.hypot(...w);
    v = w.map((x) => x / lambda);
  }
  return lambda;
}

it('smoothLosses is the bias-corrected moving average; steepestDescent finds the steepest central difference', () => {
  const values = [4, 2, 3, 1];
  const beta = 0.5;
  let a = 0;
  const expected = values.map((v, i) => ((a = beta * a + (1 - beta) * v), a / (1 - beta ** (i + 1))));
  expect(smoothLosses(values, beta)).toEqual(expected);
  expect(smoothLosses([1, 2], 0.5)[1]).toBeCloseTo(1.25 / 0.75, 12); // (0.5·0.5 + 0.5·2) / (1 − 0.25)
  // y = [5, 5, 4, 1, 0.5, 0.4]: central slopes at 1..4 are −0.5, −2, −1.75, −0.3 → index 2.
  expect(steepestDescent([0, 1, 2, 3, 4, 5], [5, 5, 4, 1, 0.5, 0.4], 6)).toBe(2);
});

describeBackends('lrFind', () => {
  it('full-batch SGD on least squares: stops for divergence after 2/λmax of the Hessian and suggests a rate below it', async () => {
    const train = linearData(64, 1);
    const model = createModel('linear', { inputShape: [2], outputs: 1 });
    const limit = 2 / hessianTop(train);
    const found = await expectNoLeaks(() => lrFind({ model, train, optimizer: 'sgd', batchSize: 'full', minRate: 1e-4, maxRate: 10, steps: 120, repeats: 2 }));
    expect(found.ramps).toHaveLength(2);
    for (const r of found.ramps) {
      expect(r.divergedAt).toBeDefined();
      expect(r.divergedAt!).toBeGreaterThan(limit);
      // The smoothed loss (β = 0.98) lags the raw one by a few steps of ×1.1: stopped within a decade.
      expect(r.divergedAt!).toBeLessThan(10 * limit);
      expect(r.smoothed).toEqual(smoothLosses(r.losses, 0.98));
      // the ramp is exponential from minRate
      expect(r.rates[0]).toBeCloseTo(1e-4, 12);
      expect(r.rates[1]! / r.rates[0]!).toBeCloseTo((10 / 1e-4) ** (1 / 119), 10);
    }
    expect(found.suggested).toBeLessThan(limit);
    expect(found.suggested).toBeGreaterThan(limit / 1000);
    expect(found.range[0]).toBeLessThanOrEqual(found.suggested);
    expect(found.range[1]).toBeGreaterThanOrEqual(found.suggested);
    expect(found.spread).toBeGreaterThanOrEqual(1);
  });

  it('mini-batch Adam on a small MLP suggests a rate between the ramp ends, with a spread over 3 seeds', async () => {
    const train = linearData(96, 2);
    const model = createModel('mlp:16:tanh', { inputShape: [2], outputs: 1 });
    const found = await expectNoLeaks(() => lrFind({ model, train, steps: 60, minRate: 1e-5, maxRate: 10 }));
    expect(found.ramps).toHaveLength(3);
    expect(found.suggested).toBeGreaterThan(1e-5);
    expect(found.suggested).toBeLessThan(10);
    const logs = found.ramps.map((r) => Math.log(r.steepest));
    const mean = logs.reduce((a, b) => a + b, 0) / 3;
    expect(found.suggested).toBeCloseTo(Math.exp(mean), 10);
    expect(found.spread).toBeCloseTo(Math.exp(Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / 2)), 10);
  });
});
