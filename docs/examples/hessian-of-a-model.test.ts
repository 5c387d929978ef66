import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { main } from './hessian-of-a-model.js';

beforeAll(async () => {
  await initTensorflow();
});

describe('the Hessian of a linear least-squares fit', () => {
  it('stops at the least-squares solution, a minimum with H = (2/N)·XᵀX', async () => {
    const before = tf.memory().numTensors;
    const r = await main();
    expect(tf.memory().numTensors).toBe(before);
    // Independent reference: the normal equations and the 2×2 eigenvalues in closed form.
    const { features: x, targets: y, n } = makeCurve({ n: 60, curve: 'cubic', noise: 0.2, seed: 2 });
    let sx = 0, sxx = 0, sy = 0, sxy = 0;
    for (let i = 0; i < n; i++) {
      sx += x[i]!;
      sxx += x[i]! * x[i]!;
      sy += y[i]!;
      sxy += x[i]! * y[i]!;
    }
    const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const intercept = (sy - slope * sx) / n;
    expect(r.layout).toEqual(['dense_1/kernel', 'dense_1/bias']);
    expect(r.theta[0]).toBeCloseTo(slope, 3);
    expect(r.theta[1]).toBeCloseTo(intercept, 3);
    // H = (2/N)·[[Σx², Σx], [Σx, N]]: eigenvalues (a + d)/2 ± √(((a − d)/2)² + b²).
    const [a, b, d] = [(2 * sxx) / n, (2 * sx) / n, 2];
    const mid = (a + d) / 2;
    const radius = Math.sqrt(((a - d) / 2) ** 2 + b * b);
    expect(r.eigenvalues?.[0]).toBeCloseTo(mid - radius, 3);
    expect(r.eigenvalues?.[1]).toBeCloseTo(mid + radius, 3);
    expect(r.gradientNorm).toBeLessThan(1e-3);
    expect(r.minimumRatio).toBe(1);
    expect(r.kind).toBe('local-minimum');
  });
});
