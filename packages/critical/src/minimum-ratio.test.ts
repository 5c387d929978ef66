import { describe, expect, it } from 'vitest';
import { minimumRatio } from './minimum-ratio.js';

describe('minimumRatio (exact)', () => {
  it('counts POSITIVE eigenvalues over all of them; flat directions are not positive', () => {
    expect(minimumRatio([1, 2, 3]).value).toBe(1); // a strict local minimum
    expect(minimumRatio([-1, -2]).value).toBe(0); // a local maximum
    const r = minimumRatio([-1, 0, 0, 2, 3]);
    expect(r).toMatchObject({ value: 0.4, method: 'exact', standardError: 0, counts: { positive: 2, negative: 1, zero: 2 } });
    expect(r.zeroTolerance).toBeCloseTo(10 * 5 * 2 ** -23 * 3, 18); // 10·n·ε₃₂·max|λ|
  });

  it('uses the zero band of the policy', () => {
    expect(minimumRatio([1e-3, 1], { relative: 1e-2 }).value).toBe(0.5);
    expect(minimumRatio([1e-3, 1]).value).toBe(1);
  });
});
