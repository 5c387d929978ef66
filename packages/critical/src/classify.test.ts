import { describe, expect, it } from 'vitest';
import { classifyCriticalPoint, signCounts, zeroTolerance } from './classify.js';
import { minimumRatio } from './minimum-ratio.js';

const kindOf = (spectrum: number[], gradientNorm = 0) =>
  classifyCriticalPoint({ gradientNorm, smallest: Math.min(...spectrum), largest: Math.max(...spectrum) }).kind;

describe('classification policy', () => {
  it('the lecture saddle: eigenvalues ±2 → saddle-point, minimum ratio 1/2', () => {
    expect(kindOf([-2, 2])).toBe('saddle-point');
    expect(minimumRatio([-2, 2]).value).toBe(0.5);
  });

  it('definite spectra: minimum, maximum; mixed: saddle (flat directions do not matter)', () => {
    expect(kindOf([0.5, 1, 3])).toBe('local-minimum');
    expect(kindOf([-0.5, -1, -3])).toBe('local-maximum');
    expect(kindOf([-0.5, 0, 0, 3])).toBe('saddle-point');
  });

  it('semi-definite or all-zero spectra are degenerate (the second-order test cannot decide)', () => {
    expect(kindOf([0, 1, 3])).toBe('degenerate');
    expect(kindOf([-1, -2, 0])).toBe('degenerate');
    expect(kindOf([0, 0])).toBe('degenerate');
  });

  it('a large gradient makes the point not critical whatever the curvature', () => {
    expect(kindOf([1, 2], 0.5)).toBe('not-critical');
    expect(classifyCriticalPoint({ gradientNorm: 0.5, smallest: 1, largest: 2 }).reason).toBe('gradient norm 0.500 > tolerance 0.00100');
    expect(classifyCriticalPoint({ gradientNorm: 0.5, smallest: 1, largest: 2 }, { gradient: 1 }).kind).toBe('local-minimum');
  });

  it('the zero band is relative to max|λ| with an absolute floor', () => {
    expect(zeroTolerance(2)).toBeCloseTo(2e-4, 15);
    expect(zeroTolerance(1e-5)).toBe(1e-6); // the float32 floor wins for tiny spectra
    expect(zeroTolerance(100, { relative: 1e-3, absolute: 0 })).toBeCloseTo(0.1, 12);
    // λ = 1e-5·max is zero, 1e-3·max is not
    expect(kindOf([1e-5, 1])).toBe('degenerate');
    expect(kindOf([1e-3, 1])).toBe('local-minimum');
    expect(kindOf([-1e-5, 1])).toBe('degenerate');
  });

  it('is invariant to rescaling the loss while the spectrum stays above the floor', () => {
    for (const factor of [1e-2, 1, 1e3]) {
      const spectrum = [-0.3, 1e-6, 0.2, 4].map((x) => x * factor);
      expect(kindOf(spectrum)).toBe('saddle-point');
      expect(minimumRatio(spectrum).counts).toEqual({ positive: 2, negative: 1, zero: 1 });
    }
  });

  it('counts signs against a tolerance', () => {
    expect(signCounts([-1, -1e-9, 0, 1e-9, 2], 1e-6)).toEqual({ positive: 1, negative: 1, zero: 3 });
  });

  it('rejects invalid inputs with a message', () => {
    expect(() => classifyCriticalPoint({ gradientNorm: Number.NaN, smallest: 0, largest: 1 })).toThrow('gradientNorm must be finite, got NaN');
    expect(() => classifyCriticalPoint({ gradientNorm: 0, smallest: 2, largest: 1 })).toThrow('smallest eigenvalue 2 exceeds largest 1');
    expect(() => zeroTolerance(1, { relative: -1 })).toThrow('tolerance "relative" must be a finite number ≥ 0, got -1');
    expect(() => minimumRatio([])).toThrow('the minimum ratio needs at least one eigenvalue');
  });
});
