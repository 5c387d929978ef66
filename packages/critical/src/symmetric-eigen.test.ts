import { describe, expect, it } from 'vitest';
import { symmetricEigen, symmetricEigenvalues, tridiagonalEigen, tridiagonalize } from './symmetric-eigen.js';
import { matrixWithSpectrum } from '../test/fixtures.js';

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
};

describe('symmetric eigensolvers', () => {
  it('the lecture Hessian [[0, −2], [−2, 0]] has eigenvalues ±2 with eigenvectors (1, ±1)/√2', () => {
    const { values, vectors } = symmetricEigen([
      [0, -2],
      [-2, 0],
    ]);
    expect(Array.from(values)).toEqual([-2, 2].map((x) => expect.closeTo(x, 12)));
    const u = vectors[0] as Float64Array; // eigenvalue −2: u ∝ (1, 1)
    expect(Math.abs(u[0] as number)).toBeCloseTo(Math.SQRT1_2, 12);
    expect((u[0] as number) * (u[1] as number)).toBeGreaterThan(0);
    expect(Array.from(symmetricEigenvalues({ size: 2, data: Float64Array.of(0, -2, -2, 0) }))).toEqual([
      expect.closeTo(-2, 12),
      expect.closeTo(2, 12),
    ]);
  });

  it('recover a chosen spectrum (with repeats and zeros) from QᵀΛQ', () => {
    const spectrum = [-3, -0.5, 0, 0, 0, 1e-3, 2, 2, 7.5, 40];
    const matrix = matrixWithSpectrum(spectrum, 5);
    expect(maxDiff(symmetricEigenvalues(matrix), sorted(spectrum))).toBeLessThan(1e-12);
    const full = symmetricEigen(matrix);
    expect(maxDiff(full.values, sorted(spectrum))).toBeLessThan(1e-12);
    // A v = λ v for every returned pair
    const n = matrix.size;
    full.vectors.forEach((v, k) => {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += (matrix.data[i * n + j] as number) * (v[j] as number);
        expect(Math.abs(av - (full.values[k] as number) * (v[i] as number))).toBeLessThan(1e-11);
      }
    });
  });

  it('Householder tridiagonalization preserves the eigenvalues of a random 60×60 matrix', () => {
    const spectrum = Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) * (i + 1));
    const matrix = matrixWithSpectrum(spectrum, 9);
    const { diagonal, offDiagonal } = tridiagonalize(matrix);
    expect(offDiagonal.length).toBe(59);
    const values = tridiagonalEigen(diagonal, offDiagonal, { vectors: false }).values;
    expect(maxDiff(values, sorted(spectrum))).toBeLessThan(1e-10);
    // trace and Frobenius norm are invariant under the orthogonal similarity
    const trace = diagonal.reduce((s, x) => s + x, 0);
    expect(trace).toBeCloseTo(spectrum.reduce((s, x) => s + x, 0), 9);
  });

  it('tridiagonalEigen: the 1-D Laplacian tridiag(−1, 2, −1) has eigenvalues 2 − 2cos(kπ/(n+1))', () => {
    const n = 25;
    const { values, vectors } = tridiagonalEigen(new Float64Array(n).fill(2), new Float64Array(n - 1).fill(-1));
    const expected = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    expect(maxDiff(values, expected)).toBeLessThan(1e-12);
    // eigenvector k is sin(j (k+1) π / (n+1)) up to sign and norm
    const v = vectors[0] as Float64Array;
    const reference = Array.from({ length: n }, (_, j) => Math.sin(((j + 1) * Math.PI) / (n + 1)));
    const scale = (v[0] as number) / (reference[0] as number);
    expect(maxDiff(v, reference.map((x) => x * scale))).toBeLessThan(1e-12);
  });

  it('handles 1×1 and diagonal inputs, and names shape errors', () => {
    expect(Array.from(tridiagonalEigen([4], []).values)).toEqual([4]);
    expect(Array.from(symmetricEigenvalues([[3, 0, 0], [0, -1, 0], [0, 0, 2]]))).toEqual([-1, 2, 3]);
    expect(() => symmetricEigen([[1, 2], [3]])).toThrow('row 1 has 1 entries, expected 2');
    expect(() => tridiagonalEigen([1, 2, 3], [1])).toThrow('a 3×3 tridiagonal matrix needs 2 off-diagonal entries');
    expect(() => symmetricEigenvalues({ size: 2, data: new Float64Array(3) })).toThrow('a 2×2 matrix needs 4 entries');
  });
});
