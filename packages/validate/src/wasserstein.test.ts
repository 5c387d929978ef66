import { describe, expect, it } from 'vitest';
import { wasserstein1d, wassersteinDistance } from './wasserstein.js';
import { gaussianTable } from './test-samples.js';

// References: scipy 1.10.1 `scipy.stats.wasserstein_distance` (its docstring examples) and closed forms.
describe('wasserstein1d', () => {
  it('matches the scipy docstring examples', () => {
    expect(wasserstein1d([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 14);
    expect(wasserstein1d([0, 1], [0, 1], [3, 1], [2, 2])).toBeCloseTo(0.25, 14);
    expect(wasserstein1d([3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5])).toBeCloseTo(4.078133143804786, 12);
    expect(wasserstein1d([0.3, -1.2, 0.8, 2.1, -0.4, 0.0, 1.1, -0.7], [0.9, 1.7, 0.2, 2.8, 1.4, 3.1, 0.6, 2.2])).toBeCloseTo(1.3625, 14);
  });
  it('is the shift for a translated sample and |a − b| for two points', () => {
    const x = [0.2, -1.1, 0.7, 3.3, 1.9];
    expect(wasserstein1d(x, x.map((v) => v + 2.5))).toBeCloseTo(2.5, 12);
    expect(wasserstein1d([1], [4])).toBe(3);
    expect(wasserstein1d(x, x)).toBe(0);
  });
  it('rejects bad weights with one line', () => {
    expect(() => wasserstein1d([1, 2], [3], [1])).toThrow('wasserstein1d: u has 1 weights for 2 values');
    expect(() => wasserstein1d([1, 2], [3], [0, 0])).toThrow('wasserstein1d: u weights sum to zero');
  });
});

describe('wassersteinDistance (per feature)', () => {
  it('raises no alarm in at most 10 % of 50 same-distribution trials at alpha 0.05', () => {
    let alarms = 0;
    for (let t = 0; t < 50; t++) {
      if (wassersteinDistance(gaussianTable(40, 3, 100 + t), gaussianTable(40, 3, 900 + t), { permutations: 99, seed: t }).shifted) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(5);
  });
  it('detects a 1-sigma mean shift in one feature, names it, and measures about 1 std', () => {
    const r = wassersteinDistance(gaussianTable(150, 3, 3), gaussianTable(150, 3, 4, 1, 1), { permutations: 199, seed: 1 });
    expect(r.shifted).toBe(true);
    expect(r.drivers).toEqual(['f1']);
    expect(r.features[0]?.statistic).toBeGreaterThan(0.7);
    expect(r.features[0]?.statistic).toBeLessThan(1.3);
    expect(r.pValue).toBeCloseTo(1 / 200, 12); // no permutation's largest distance reaches it: (1 + 0) / 200
    for (const f of r.features) expect(f.adjustedPValue).toBeGreaterThanOrEqual(f.pValue!);
  });
  it('uses the threshold when there are no permutations', () => {
    const r = wassersteinDistance(gaussianTable(150, 2, 3), gaussianTable(150, 2, 4, 1, 0), { permutations: 0, threshold: 0.5 });
    expect(r.pValue).toBeUndefined();
    expect(r.threshold).toBe(0.5);
    expect(r.drivers).toEqual(['f0']);
  });
});
