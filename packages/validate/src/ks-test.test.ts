import { describe, expect, it } from 'vitest';
import { ks2Sample, ksTest } from './ks-test.js';
import { gaussianTable } from './test-samples.js';

const rel = (a: number, b: number) => Math.abs(a / b - 1);

// References: scipy 1.10.1 `scipy.stats.ks_2samp` (two-sided) on the same numbers, as literals.
describe('ks2Sample', () => {
  it('matches scipy on small exact cases', () => {
    let r = ks2Sample([0.1, 0.5, 0.9, 1.3, 2.2], [1.0, 1.5, 2.5, 3.0, 3.5, 4.0]);
    expect(r.statistic).toBeCloseTo(0.6666666666666666, 15);
    expect(rel(r.pValue, 0.10822510822510821)).toBeLessThan(1e-12);
    expect(r.method).toBe('exact');
    r = ks2Sample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.statistic).toBe(1);
    expect(rel(r.pValue, 0.007936507936507936)).toBeLessThan(1e-12);
    expect(r.sign).toBe(1);
    r = ks2Sample([0.3, -1.2, 0.8, 2.1, -0.4, 0.0, 1.1, -0.7], [0.9, 1.7, 0.2, 2.8, 1.4, 3.1, 0.6, 2.2]);
    expect(r.statistic).toBe(0.5);
    expect(rel(r.pValue, 0.2826728826728826)).toBeLessThan(1e-12);
  });
  it('handles ties like scipy (ECDFs compared after all copies of a value)', () => {
    const r = ks2Sample([1, 2, 2, 3, 3, 3], [2, 3, 3, 4, 4, 5, 6]);
    expect(r.statistic).toBeCloseTo(0.5714285714285714, 15);
    expect(rel(r.pValue, 0.14685314685314685)).toBeLessThan(1e-12);
  });
  const u = [0.346, 0.822, 0.33, -1.303, 0.905, 0.446, -0.537, 0.581, 0.365, 0.294, 0.028, 0.547, -0.736, -0.163, -0.482, 0.599, 0.04,
    -0.292, -0.782, -0.257, 0.008, -0.276, 1.294, 1.007, -2.711, -1.889, -0.175, -0.422, 0.214, 0.217, 2.118, -1.112, -0.378, 2.043,
    0.647, 0.663, -0.514, -1.648, 0.167, 0.109];
  const v = [-0.727, -0.183, 0.428, -0.445, 0.402, 0.595, 0.536, -0.006, 1.094, 1.391, 0.821, -0.318, 1.232, -0.001, 1.379, -0.572,
    1.414, 0.48, -0.749, 0.186, 0.554, 0.773, -0.482, -0.607, 0.7, 0.033, 0.736, 1.26, -1.149, 0.754];
  it('matches scipy exact and asymp on 40 vs 30 values', () => {
    const exact = ks2Sample(u, v);
    expect(exact.statistic).toBeCloseTo(0.26666666666666666, 14);
    expect(rel(exact.pValue, 0.14992398676148241)).toBeLessThan(1e-10);
    // scipy's asymp at round(en) = 17 uses Pomeranz; Pelz–Good is 2.5e-5 off there
    expect(Math.abs(ks2Sample(u, v, { method: 'asymp' }).pValue - 0.14773580362428407)).toBeLessThan(1e-4);
  });
  // Deterministic sequences computed identically in Python: a_i = frac(0.6180339887 i), b_j = frac(0.7548776662 j)^p + s.
  const sequences = (n1: number, n2: number, p: number, s: number) => [
    Array.from({ length: n1 }, (_, i) => ((i + 1) * 0.6180339887) % 1),
    Array.from({ length: n2 }, (_, j) => Math.pow(((j + 1) * 0.7548776662) % 1, p) + s),
  ] as const;
  it.each([
    [600, 400, 1.2, 0, 0.07333333333333333, 0.14620638457096422, 0.14396403772763167],
    [600, 400, 1.05, 0, 0.025833333333333333, 0.9963835332290323, 0.9959887764025945],
    [3000, 3000, 1.0, 0.03, 0.031, 0.11191580439613852, 0.10960455499569066],
    [2500, 2000, 1.1, 0, 0.0355, 0.1187466424589644, 0.11869079911167923],
  ])('matches scipy exact and asymp on %i vs %i sequence values', (n1, n2, p, s, d, exactP, asympP) => {
    const [a, b] = sequences(n1, n2, p, s);
    const exact = ks2Sample(a, b, { method: 'exact' });
    expect(exact.statistic).toBeCloseTo(d, 12);
    expect(rel(exact.pValue, exactP)).toBeLessThan(1e-8);
    expect(rel(ks2Sample(a, b, { method: 'asymp' }).pValue, asympP)).toBeLessThan(1e-6);
  });
  it('rejects an empty sample', () => {
    expect(() => ks2Sample([], [1])).toThrow('ks2Sample: both samples need at least one value');
  });
});

describe('ksTest (per feature, Holm-adjusted)', () => {
  it('raises no alarm in at most 10 % of 50 same-distribution trials at alpha 0.05', () => {
    let alarms = 0;
    for (let t = 0; t < 50; t++) {
      if (ksTest(gaussianTable(40, 3, 1000 + t), gaussianTable(40, 3, 5000 + t)).shifted) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(5);
  });
  it('detects a 1-sigma mean shift in one feature and names it', () => {
    const r = ksTest(gaussianTable(100, 4, 1), gaussianTable(100, 4, 2, 1, 2));
    expect(r.shifted).toBe(true);
    expect(r.drivers).toEqual(['f2']);
    expect(r.features[0]?.feature).toBe('f2');
    expect(r.pValue).toBeLessThan(0.001);
  });
  it('rejects mismatched column counts with one line', () => {
    expect(() => ksTest(gaussianTable(10, 3, 1), gaussianTable(10, 2, 2))).toThrow(/^train has 3 feature columns but test has 2$/);
  });
});
