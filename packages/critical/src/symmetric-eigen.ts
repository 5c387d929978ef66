/**
 * Symmetric eigenproblems: dense with eigenvectors (ml-matrix's EVD, tred2 + tql2), dense
 * eigenvalues only (Householder tridiagonalization on a flat Float64Array + implicit QL,
 * several times faster than accumulating eigenvectors we do not need), and the small
 * tridiagonal problems of Lanczos.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { InputError } from '@losslens/core';
import { blockedTridiagonalize } from './blocked-tridiagonalize.js';
import type { SquareMatrix } from './operator.js';

/** Eigenvalues in ascending order and, when asked for, their orthonormal eigenvectors. */
export interface SymmetricEigen {
  /** Ascending. */
  readonly values: Float64Array;
  /** `vectors[k]` is the unit eigenvector of `values[k]` (empty when not computed). */
  readonly vectors: readonly Float64Array[];
}

const asSquare = (matrix: SquareMatrix | readonly (readonly number[])[]): SquareMatrix => {
  if ('data' in matrix) {
    if (matrix.data.length !== matrix.size * matrix.size) {
      throw new InputError('E_SHAPE', `a ${matrix.size}×${matrix.size} matrix needs ${matrix.size ** 2} entries`);
    }
    return matrix;
  }
  const size = matrix.length;
  const data = new Float64Array(size * size);
  matrix.forEach((row, i) => {
    if (row.length !== size) throw new InputError('E_SHAPE', `row ${i} has ${row.length} entries, expected ${size}`);
    data.set(row, i * size);
  });
  return { size, data };
};

/**
 * All eigenpairs of a symmetric matrix (ml-matrix `EigenvalueDecomposition`, assumeSymmetric),
 * ascending. Only the symmetric part is meaningful; pass a symmetrized matrix.
 * @example
 * symmetricEigen([[0, -2], [-2, 0]]).values; // [-2, 2]
 */
export function symmetricEigen(matrix: SquareMatrix | readonly (readonly number[])[]): SymmetricEigen {
  const { size, data } = asSquare(matrix);
  if (size === 0) return { values: new Float64Array(0), vectors: [] };
  const rows = Array.from({ length: size }, (_, i) => Array.from(data.subarray(i * size, (i + 1) * size)));
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const values = Float64Array.from(evd.realEigenvalues);
  const v = evd.eigenvectorMatrix;
  const order = Array.from(values.keys()).sort((a, b) => (values[a] as number) - (values[b] as number));
  return {
    values: Float64Array.from(order, (k) => values[k] as number),
    vectors: order.map((k) => Float64Array.from(v.getColumn(k))),
  };
}

/**
 * The eigenvalues of a symmetric matrix, ascending, without eigenvectors: Householder
 * reduction to tridiagonal form (about 4n³/3 flops) and implicit QL. For the full spectrum
 * of a P ≈ 2,000 Hessian.
 * @example
 * symmetricEigenvalues({ size: 2, data: Float64Array.of(0, -2, -2, 0) }); // [-2, 2]
 */
export function symmetricEigenvalues(matrix: SquareMatrix | readonly (readonly number[])[]): Float64Array {
  const { diagonal, offDiagonal } = tridiagonalize(asSquare(matrix));
  return tridiagonalEigen(diagonal, offDiagonal, { vectors: false }).values;
}

/**
 * Householder reduction of a symmetric matrix to tridiagonal form with the same eigenvalues
 * (the blocked, LAPACK dsytrd-style reduction). Returns the diagonal and the off-diagonal
 * (`offDiagonal[i]` = T[i][i+1], length n − 1). Only the lower triangle is read.
 * @example
 * const { diagonal, offDiagonal } = tridiagonalize({ size: 3, data });
 */
export function tridiagonalize(matrix: SquareMatrix): { diagonal: Float64Array; offDiagonal: Float64Array } {
  return blockedTridiagonalize(matrix.size, matrix.data);
}

const hypot = (a: number, b: number): number => {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) return x * Math.sqrt(1 + (y / x) ** 2);
  return y === 0 ? 0 : y * Math.sqrt(1 + (x / y) ** 2);
};

/**
 * Eigenvalues (ascending) and optionally eigenvectors of the symmetric tridiagonal matrix with
 * `diagonal` (length m) and `offDiagonal` (length m − 1), by the implicit QL method with
 * Wilkinson-type shifts (EISPACK tql2). The eigensolver behind Lanczos and SLQ.
 * @example
 * tridiagonalEigen(Float64Array.of(2, 2), Float64Array.of(1)).values; // [1, 3]
 */
export function tridiagonalEigen(
  diagonal: ArrayLike<number>,
  offDiagonal: ArrayLike<number>,
  options: { vectors?: boolean } = {},
): SymmetricEigen {
  const n = diagonal.length;
  const withVectors = options.vectors ?? true;
  if (n === 0) return { values: new Float64Array(0), vectors: [] };
  if (offDiagonal.length < n - 1) {
    throw new InputError('E_SHAPE', `a ${n}×${n} tridiagonal matrix needs ${n - 1} off-diagonal entries`);
  }
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) e[i] = offDiagonal[i] as number;
  // zt holds the eigenvectors as rows: zt[r * n + k] is component k of eigenvector r.
  const zt = withVectors ? new Float64Array(n * n) : new Float64Array(0);
  if (withVectors) for (let i = 0; i < n; i++) zt[i * n + i] = 1;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l] as number) + Math.abs(e[l] as number));
    let m = l;
    while (m < n && Math.abs(e[m] as number) > eps * tst1) m++;
    if (m === n) m = n - 1;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > 60) throw new Error('tridiagonal QL did not converge in 60 iterations');
        let g = d[l] as number;
        let p = ((d[l + 1] as number) - g) / (2 * (e[l] as number));
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = (e[l] as number) / (p + r);
        d[l + 1] = (e[l] as number) * (p + r);
        const dl1 = d[l + 1] as number;
        let h = g - (d[l] as number);
        for (let i = l + 2; i < n; i++) d[i] = (d[i] as number) - h;
        f += h;
        p = d[m] as number;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1] as number;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * (e[i] as number);
          h = c * p;
          r = hypot(p, e[i] as number);
          e[i + 1] = s * r;
          s = (e[i] as number) / r;
          c = p / r;
          p = c * (d[i] as number) - s * g;
          d[i + 1] = h + s * (c * g + s * (d[i] as number));
          if (withVectors) {
            const ri = i * n;
            const rj = (i + 1) * n;
            for (let k = 0; k < n; k++) {
              const zk = zt[rj + k] as number;
              zt[rj + k] = s * (zt[ri + k] as number) + c * zk;
              zt[ri + k] = c * (zt[ri + k] as number) - s * zk;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * (e[l] as number)) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l] as number) > eps * tst1);
    }
    d[l] = (d[l] as number) + f;
    e[l] = 0;
  }
  const order = Array.from(d.keys()).sort((a, b) => (d[a] as number) - (d[b] as number));
  return {
    values: Float64Array.from(order, (k) => d[k] as number),
    vectors: withVectors ? order.map((k) => zt.slice(k * n, (k + 1) * n)) : [],
  };
}
