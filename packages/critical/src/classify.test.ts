import { describe, expect, it } from 'vitest';
import { classifyCriticalPoint, float32Epsilon, signCounts, zeroTolerance } from './classify.js';
import { minimumRatio } from './minimum-ratio.js';

/** Classifies a full spectrum the way analyzeCriticalPoint does: extremes, size and counts in one band. */
const classify = (spectrum: number[], gradientNorm = 0) =>
  classifyCriticalPoint({
    gradientNorm,
    smallest: Math.min(...spectrum),
    largest: Math.max(...spectrum),
    size: spectrum.length,
    counts: minimumRatio(spectrum).counts,
  });
const kindOf = (spectrum: number[], gradientNorm = 0) => classify(spectrum, gradientNorm).kind;

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

  it('no significantly negative eigenvalue and flat ones: a local minimum with flat directions; (nearly) all flat: degenerate', () => {
    expect(classify([0, 1, 3])).toMatchObject({ kind: 'local-minimum', flatDirections: 1 });
    expect(classify([-1e-9, 0, 1e-9, 2]).flatDirections).toBe(3);
    expect(classify([-1e-9, 0, 1e-9, 2]).reason).toBe('no eigenvalue below −9.54e-6 (smallest -1.00e-9), 3 of 4 flat (|λ| ≤ 9.54e-6)');
    expect(classify([-1, -2, 0])).toMatchObject({ kind: 'local-maximum', flatDirections: 1 });
    expect(kindOf([0, 0])).toBe('degenerate');
    // 1 of 200 eigenvalues non-zero is at most 1 %: degenerate; 3 of 200 is a minimum with 197 flat directions
    expect(kindOf([...new Array<number>(199).fill(0), 1])).toBe('degenerate');
    expect(classify([...new Array<number>(197).fill(0), 1, 2, 3])).toMatchObject({ kind: 'local-minimum', flatDirections: 197 });
    // without counts (extremes only) a semi-definite spectrum is still a minimum, flat count unknown
    const extremes = classifyCriticalPoint({ gradientNorm: 0, smallest: 0, largest: 1, size: 3 });
    expect(extremes.kind).toBe('local-minimum');
    expect(extremes.flatDirections).toBeUndefined();
  });

  it('a large gradient makes the point not critical whatever the curvature', () => {
    expect(kindOf([1, 2], 0.5)).toBe('not-critical');
    expect(classifyCriticalPoint({ gradientNorm: 0.5, smallest: 1, largest: 2 }).reason).toBe('gradient norm 0.500 > tolerance 0.00100');
    expect(classifyCriticalPoint({ gradientNorm: 0.5, smallest: 1, largest: 2 }, { gradient: 1 }).kind).toBe('local-minimum');
  });

  it('the zero band is 10·n·ε₃₂·max|λ| (the precision of the computed eigenvalues) with an absolute floor', () => {
    expect(float32Epsilon).toBe(1.1920928955078125e-7);
    expect(zeroTolerance(2, 13)).toBeCloseTo(10 * 13 * 2 ** -23 * 2, 18);
    expect(zeroTolerance(1e-5, 13)).toBe(1e-6); // the float32 floor wins for tiny spectra
    expect(zeroTolerance(100, 1, { relative: 1e-3, absolute: 0 })).toBeCloseTo(0.1, 12);
    expect(zeroTolerance(1, 10_000)).toBe(zeroTolerance(1, 4096)); // n stops growing at the largest dense Hessian
    expect(zeroTolerance(1, 100, { precisionMultiple: 1 })).toBeCloseTo(100 * 2 ** -23, 18);
    // n = 2: band 10·2·ε₃₂ ≈ 2.4e-6 of max|λ|: λ = 1e-6·max is zero (a flat direction), 1e-5·max is not
    expect(classify([1e-6, 1])).toMatchObject({ kind: 'local-minimum', flatDirections: 1 });
    expect(classify([1e-5, 1])).toMatchObject({ kind: 'local-minimum', flatDirections: 0 });
    expect(kindOf([-1e-5, 1])).toBe('saddle-point');
    expect(kindOf([-1e-6, 1])).toBe('local-minimum');
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
    expect(() => zeroTolerance(1, 2, { relative: -1 })).toThrow('tolerance "relative" must be a finite number ≥ 0, got -1');
    expect(() => zeroTolerance(1, 0)).toThrow('the spectrum size must be a positive integer, got 0');
    expect(() => minimumRatio([])).toThrow('the minimum ratio needs at least one eigenvalue');
  });
});
