/**
 * The unblocked one-column-at-a-time Householder tridiagonalization that @losslens/critical
 * used before the blocked one: a reference the blocked reduction must agree with.
 */
import type { SquareMatrix } from '../src/operator.js';

/**
 * Householder reduction of a symmetric matrix to tridiagonal form with the same eigenvalues.
 * Returns the diagonal and the off-diagonal (`offDiagonal[i]` = T[i][i+1], length n − 1).
 * @example
 * const { diagonal, offDiagonal } = tridiagonalize({ size: 3, data });
 */
export function unblockedTridiagonalize(matrix: SquareMatrix): { diagonal: Float64Array; offDiagonal: Float64Array } {
  const n = matrix.size;
  const a = Float64Array.from(matrix.data);
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(Math.max(0, n - 1));
  // Only the lower triangle (j ≤ i) is read and written, and each step's rank-2 update
  // A₂₂ ← A₂₂ − (v wᵀ + w vᵀ) is deferred and fused into the next step's product A₂₂·v: one pass
  // over the matrix per step instead of two (the matrix outgrows the caches at n ≈ 1,000).
  let v = new Float64Array(n);
  let w = new Float64Array(n);
  let vPending = new Float64Array(n);
  let wPending = new Float64Array(n);
  let pending = false; // an update from the previous step not yet applied to rows/columns ≥ k
  const applyPendingToRows = (from: number) => {
    for (let i = from; i < n; i++) {
      const row = i * n;
      const vi = vPending[i] as number;
      const wi = wPending[i] as number;
      for (let j = from; j <= i; j++) a[row + j] = (a[row + j] as number) - vi * (wPending[j] as number) - wi * (vPending[j] as number);
    }
  };
  for (let k = 0; k < n - 2; k++) {
    if (pending) {
      // bring column k (rows ≥ k) up to date; the rest of the block is updated in the fused pass
      const vk = vPending[k] as number;
      const wk = wPending[k] as number;
      for (let i = k; i < n; i++) a[i * n + k] = (a[i * n + k] as number) - (vPending[i] as number) * wk - (wPending[i] as number) * vk;
    }
    let xNorm2 = 0;
    for (let i = k + 1; i < n; i++) xNorm2 += (a[i * n + k] as number) ** 2;
    const x0 = a[(k + 1) * n + k] as number;
    const xNorm = Math.sqrt(xNorm2);
    diagonal[k] = a[k * n + k] as number;
    if (xNorm === 0 || xNorm2 - x0 * x0 === 0) {
      offDiagonal[k] = x0; // already tridiagonal in this column: no reflection
      if (pending) applyPendingToRows(k + 1);
      pending = false;
      continue;
    }
    const alpha = x0 > 0 ? -xNorm : xNorm;
    offDiagonal[k] = alpha;
    // v = x − αe₁, normalized
    for (let i = k + 1; i < n; i++) v[i] = a[i * n + k] as number;
    v[k + 1] = x0 - alpha;
    let vNorm2 = 0;
    for (let i = k + 1; i < n; i++) vNorm2 += (v[i] as number) ** 2;
    const vInv = 1 / Math.sqrt(vNorm2);
    for (let i = k + 1; i < n; i++) v[i] = (v[i] as number) * vInv;
    // fused pass: apply the pending update, then accumulate p = A₂₂ v (into w)
    w.fill(0, k + 1);
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = v[i] as number;
      const pvi = vPending[i] as number;
      const pwi = wPending[i] as number;
      let sum = 0;
      if (pending) {
        for (let j = k + 1; j <= i; j++) {
          a[row + j] = (a[row + j] as number) - pvi * (wPending[j] as number) - pwi * (vPending[j] as number);
        }
      }
      for (let j = k + 1; j < i; j++) {
        const aij = a[row + j] as number;
        sum += aij * (v[j] as number);
        w[j] = (w[j] as number) + aij * vi;
      }
      w[i] = (w[i] as number) + sum + (a[row + i] as number) * vi;
    }
    // K = vᵀp, w = 2(p − K v): H A H = A − (v wᵀ + w vᵀ) for H = I − 2vvᵀ
    let kappa = 0;
    for (let i = k + 1; i < n; i++) kappa += (w[i] as number) * (v[i] as number);
    for (let i = k + 1; i < n; i++) w[i] = 2 * ((w[i] as number) - kappa * (v[i] as number));
    [vPending, v] = [v, vPending];
    [wPending, w] = [w, wPending];
    pending = true;
  }
  if (pending) applyPendingToRows(Math.max(0, n - 2));
  if (n >= 2) {
    diagonal[n - 2] = a[(n - 2) * n + n - 2] as number;
    offDiagonal[n - 2] = a[(n - 1) * n + n - 2] as number;
  }
  if (n >= 1) diagonal[n - 1] = a[n * n - 1] as number;
  return { diagonal, offDiagonal };
}

