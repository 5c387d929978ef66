import { describe, expect, it } from 'vitest';
import { spearman } from './rank-correlation.js';

describe('spearman', () => {
  it('matches scipy.stats.spearmanr (values computed with scipy 1.17.1, hard-coded)', () => {
    const cases: [number[], number[], number, number][] = [
      [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 1, 4, 3, 7, 5, 6, 9, 10, 8], 0.9030303030303028, 0.0003436121977632824],
      // ties (0.7 twice): average ranks
      [[0.3, 0.1, 0.7, 0.7, 0.2, 0.9, 0.5], [1.2, 3.4, 0.5, 0.9, 2.2, 0.1, 1.0], -0.991031208965115, 1.4561252916128958e-5],
      [[1, 2, 3, 4, 5], [5, 6, 7, 8, 7], 0.8207826816681233, 0.08858700531354384],
      [Array.from({ length: 20 }, (_, i) => i), Array.from({ length: 20 }, (_, i) => (i * 7) % 20), 0.3684210526315789, 0.10996436611637704],
      [Array.from({ length: 30 }, (_, i) => i), Array.from({ length: 30 }, (_, i) => i + (i % 3 === 0 ? 5 : -3)), 0.9122693442579859, 2.2766337353501833e-12],
    ];
    for (const [x, y, rho, p] of cases) {
      const result = spearman(x, y);
      expect(result.rho).toBeCloseTo(rho, 12);
      expect(Math.abs(result.pValue - p) / p).toBeLessThan(1e-8);
      expect(result.n).toBe(x.length);
    }
  });

  it('with n = 4 (2 degrees of freedom) the p-value has the closed form 1 − |t|/√(2 + t²)', () => {
    const result = spearman([1, 2, 3, 4], [1, 3, 2, 4]); // ρ = 0.8
    expect(result.rho).toBeCloseTo(0.8, 14);
    const t = 0.8 * Math.sqrt(2 / (1 - 0.64));
    expect(result.pValue).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 12);
  });

  it('perfect order gives ±1 with p = 0; too few or constant samples give NaN; bad input throws', () => {
    expect(spearman([1, 2, 3, 4], [10, 9, 8, 7])).toEqual({ rho: -1, pValue: 0, n: 4 });
    expect(spearman([1], [2]).rho).toBeNaN();
    expect(spearman([1, 2], [2, 3]).pValue).toBeNaN();
    expect(spearman([1, 2, 3], [5, 5, 5]).rho).toBeNaN();
    expect(() => spearman([1, 2], [1])).toThrow("Spearman's correlation needs paired samples, got 2 and 1 values");
    expect(() => spearman([1, Number.NaN], [1, 2])).toThrow("Spearman's correlation needs finite values");
  });
});
