import { describe, expect, it } from 'vitest';
import { blockedTridiagonalize } from './blocked-tridiagonalize.js';
import { symmetricEigen, symmetricEigenvalues, tridiagonalEigen } from './symmetric-eigen.js';
import { matrixWithSpectrum } from '../test/fixtures.js';
import { unblockedTridiagonalize } from '../test/unblocked-tridiagonalize.js';

const eigenvaluesOf = (t: { diagonal: Float64Array; offDiagonal: Float64Array }) => tridiagonalEigen(t.diagonal, t.offDiagonal, { vectors: false }).values;
/** max_i |a_i − b_i| / max_i |b_i| */
const relativeToNorm = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return worst / scale;
};

describe('blockedTridiagonalize', () => {
  it('keeps a chosen spectrum across panels of every size (QΛQᵀ, float64 exact)', () => {
    const spectrum = Array.from({ length: 150 }, (_, i) => (i % 7 === 0 ? 0 : Math.sin(i * 1.3) * (1 + i / 10)));
    const expected = [...spectrum].sort((a, b) => a - b);
    const matrix = matrixWithSpectrum(spectrum, 4);
    for (const block of [1, 7, 32, 200]) {
      expect(relativeToNorm(eigenvaluesOf(blockedTridiagonalize(matrix.size, matrix.data, block)), expected)).toBeLessThan(1e-12);
    }
  });

  it('agrees with the unblocked reduction and with ml-matrix on the same matrix', () => {
    const matrix = matrixWithSpectrum(Array.from({ length: 97 }, (_, i) => Math.cos(i) * 5 - 1e-3 * i), 8);
    const blocked = blockedTridiagonalize(matrix.size, matrix.data, 16);
    const unblocked = unblockedTridiagonalize(matrix);
    expect(relativeToNorm(blocked.diagonal, unblocked.diagonal)).toBeLessThan(1e-11);
    expect(relativeToNorm(blocked.offDiagonal, unblocked.offDiagonal)).toBeLessThan(1e-11);
    expect(relativeToNorm(symmetricEigenvalues(matrix), symmetricEigen(matrix).values)).toBeLessThan(1e-12);
  });

  it('matches numpy.linalg.eigvalsh (float64, run offline) on a 9×9 matrix', () => {
    const n = 9;
    const data = Float64Array.from({ length: n * n }, (_, k) => {
      const i = Math.floor(k / n);
      const j = k % n;
      return Math.sin(i + 2 * j) + Math.sin(2 * i + j) + (i === j ? 3 / (1 + i) : 0);
    });
    const numpy = [
      -4.9298174053369355, -2.9080340590516127, 0.4435700438509321, 0.5260074477972699, 0.7585249234070042, 1.0804198978515356,
      2.0392767950257413, 4.040064256910518, 6.572148755484583,
    ];
    for (const block of [2, 32]) expect(relativeToNorm(eigenvaluesOf(blockedTridiagonalize(n, data, block)), numpy)).toBeLessThan(1e-13);
  });

  it('passes over columns that need no reflection (block-diagonal, zero columns) inside a panel', () => {
    const n = 12;
    const data = new Float64Array(n * n);
    const set = (i: number, j: number, x: number) => {
      data[i * n + j] = x;
      data[j * n + i] = x;
    };
    // 3×3 blocks on the diagonal, one zero row/column, a 1×1 block
    for (let b = 0; b < 3; b++) for (let i = 0; i < 3; i++) for (let j = 0; j <= i; j++) set(3 * b + i, 3 * b + j, Math.cos(b + i * j) + (i === j ? b : 0));
    set(10, 10, 2.5);
    expect(relativeToNorm(eigenvaluesOf(blockedTridiagonalize(n, data, 4)), symmetricEigen({ size: n, data }).values)).toBeLessThan(1e-13);
    expect(Array.from(eigenvaluesOf(blockedTridiagonalize(2, Float64Array.of(1, 2, 2, 1))))).toEqual([expect.closeTo(-1, 13), expect.closeTo(3, 13)]);
    expect(Array.from(eigenvaluesOf(blockedTridiagonalize(1, Float64Array.of(4))))).toEqual([4]);
  });
});
