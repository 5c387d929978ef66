import { describe, expect, it } from 'vitest';
import { domainClassifierTest } from './domain-classifier.js';
import { gaussianTable } from './test-samples.js';

describe('domainClassifierTest', () => {
  it('raises no alarm in at most 10 % of 50 same-distribution trials at alpha 0.05', () => {
    let alarms = 0;
    for (let t = 0; t < 50; t++) {
      const r = domainClassifierTest(gaussianTable(30, 3, 300 + t), gaussianTable(30, 3, 800 + t), { permutations: 39, seed: t });
      if (r.shifted) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(5);
  });
  it('detects a 1-sigma mean shift in one feature and names it', () => {
    const r = domainClassifierTest(gaussianTable(100, 4, 21), gaussianTable(100, 4, 22, 1, 3), { permutations: 99, seed: 3 });
    expect(r.statistic).toBeGreaterThan(0.65); // Φ(1/√2) ≈ 0.76 for the Bayes classifier
    expect(r.shifted).toBe(true);
    expect(r.drivers).toEqual(['f3']);
  });
  it('works through a random projection when there are many features', () => {
    const r = domainClassifierTest(gaussianTable(100, 12, 31), gaussianTable(100, 12, 32, 1.5, 5), {
      permutations: 39,
      maxFeatures: 6,
      seed: 4,
    });
    expect(r.details['projectedTo']).toBe(6);
    expect(r.shifted).toBe(true);
  });
  it('rejects fewer rows than folds', () => {
    expect(() => domainClassifierTest(gaussianTable(3, 2, 1), gaussianTable(10, 2, 2))).toThrow(
      'a two-sample test needs at least 5 rows per sample, got 3 train and 10 test',
    );
  });
});
