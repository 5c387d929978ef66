import { describe, expect, it } from 'vitest';
import { mmdTest, unbiasedMmd2 } from './mmd-test.js';
import { gaussianTable } from './test-samples.js';

describe('unbiasedMmd2', () => {
  it('equals the closed form on two constant pairs', () => {
    // x = {0, 0}, y = {1, 1}, kernel k(0,1) = e^{-1/2}: MMD² = 1 + 1 − 2e^{-1/2}
    const k = Math.exp(-0.5);
    const matrix = Float64Array.from([1, 1, k, k, 1, 1, k, k, k, k, 1, 1, k, k, 1, 1]);
    expect(unbiasedMmd2(matrix, Uint8Array.from([1, 1, 0, 0]), 2, 2)).toBeCloseTo(2 - 2 * k, 14);
  });
});

describe('mmdTest', () => {
  it('uses the median heuristic on pooled-standardized features (closed form)', () => {
    // Standardized values ±√3/2, pair distances {0, 0, √3 ×4}: median √3, so MMD² = 2 − 2e^{-1/2}.
    const r = mmdTest({ n: 2, features: [0, 0] }, { n: 2, features: [1, 1] }, { permutations: 5 });
    expect(r.details['bandwidth']).toBeCloseTo(Math.sqrt(3), 12);
    expect(r.statistic).toBeCloseTo(2 - 2 * Math.exp(-0.5), 12);
  });
  it('raises no alarm in at most 10 % of 50 same-distribution trials at alpha 0.05', () => {
    let alarms = 0;
    for (let t = 0; t < 50; t++) {
      if (mmdTest(gaussianTable(30, 3, 200 + t), gaussianTable(30, 3, 700 + t), { permutations: 99, seed: t }).shifted) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(5);
  });
  it('detects a 1-sigma mean shift in one feature and names it', () => {
    const r = mmdTest(gaussianTable(80, 3, 11), gaussianTable(80, 3, 12, 1, 2), { permutations: 199, seed: 2 });
    expect(r.shifted).toBe(true);
    expect(r.pValue).toBeLessThan(0.01);
    expect(r.drivers[0]).toBe('f2');
    expect(r.features[0]?.feature).toBe('f2');
  });
  it('rejects a sample of one row', () => {
    expect(() => mmdTest({ n: 1, features: [0] }, { n: 3, features: [1, 2, 3] })).toThrow(
      'a two-sample test needs at least 2 rows per sample, got 1 train and 3 test',
    );
  });
});
