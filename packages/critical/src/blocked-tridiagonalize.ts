/**
 * Blocked Householder reduction of a symmetric matrix to tridiagonal form (the scheme of
 * LAPACK's dsytrd/dlatrd), float64. Within a panel of `block` columns the trailing matrix is
 * only read (one symmetric matrix-vector product per column, corrected by the panel's
 * reflectors); the panel's rank-2·block update is applied once at its end, four reflectors per
 * sweep over a row. Same reflectors, same result as the one-column-at-a-time reduction, with
 * about a third of the memory traffic.
 */

/**
 * The diagonal and off-diagonal (`offDiagonal[i]` = T[i][i+1]) of a tridiagonal matrix with
 * the eigenvalues of the symmetric `data` (row-major n × n; only the lower triangle is read).
 * @example
 * const { diagonal, offDiagonal } = blockedTridiagonalize(3, Float64Array.of(2, 1, 1, 1, 2, 1, 1, 1, 2));
 */
export function blockedTridiagonalize(
  n: number,
  data: ArrayLike<number>,
  block = 32,
): { diagonal: Float64Array; offDiagonal: Float64Array } {
  const a = Float64Array.from(data);
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(Math.max(0, n - 1));
  // the panel's reflectors v_q and w_q (A ← A − Σ v_q w_qᵀ + w_q v_qᵀ), column q at [q·n, q·n + n)
  const vs = new Float64Array(block * n);
  const ws = new Float64Array(block * n);
  const vWeights = new Float64Array(block); // w_qᵀ v for the current column
  const wWeights = new Float64Array(block); // v_qᵀ v
  const last = n - 2; // columns 0 … n − 3 get a reflector
  for (let start = 0; start < last; start += block) {
    const count = Math.min(block, last - start);
    for (let c = 0; c < count; c++) {
      const k = start + c;
      // column k (rows ≥ k) of the current matrix: the stored one less the panel's updates so far
      for (let q = 0; q < c; q++) {
        const v = vs.subarray(q * n, q * n + n);
        const w = ws.subarray(q * n, q * n + n);
        const vk = v[k] as number;
        const wk = w[k] as number;
        for (let i = k; i < n; i++) a[i * n + k] = (a[i * n + k] as number) - (v[i] as number) * wk - (w[i] as number) * vk;
      }
      diagonal[k] = a[k * n + k] as number;
      let xNorm2 = 0;
      for (let i = k + 1; i < n; i++) xNorm2 += (a[i * n + k] as number) ** 2;
      const x0 = a[(k + 1) * n + k] as number;
      const v = vs.subarray(c * n, c * n + n);
      const w = ws.subarray(c * n, c * n + n);
      v.fill(0);
      w.fill(0);
      if (xNorm2 === 0 || xNorm2 - x0 * x0 === 0) {
        offDiagonal[k] = x0; // already tridiagonal in this column: v = w = 0, no reflection
        continue;
      }
      const alpha = x0 > 0 ? -Math.sqrt(xNorm2) : Math.sqrt(xNorm2);
      offDiagonal[k] = alpha;
      for (let i = k + 1; i < n; i++) v[i] = a[i * n + k] as number;
      v[k + 1] = x0 - alpha;
      let vNorm2 = 0;
      for (let i = k + 1; i < n; i++) vNorm2 += (v[i] as number) ** 2;
      const vInv = 1 / Math.sqrt(vNorm2);
      for (let i = k + 1; i < n; i++) v[i] = (v[i] as number) * vInv;
      symmetricProduct(a, n, k + 1, v, w); // w = A₂₂ v on the stored (panel-stale) block
      // w −= Σ_q v_q (w_qᵀ v) + w_q (v_qᵀ v): the panel's updates not yet in the stored block
      for (let q = 0; q < c; q++) {
        let wv = 0;
        let vv = 0;
        for (let i = k + 1; i < n; i++) {
          wv += (ws[q * n + i] as number) * (v[i] as number);
          vv += (vs[q * n + i] as number) * (v[i] as number);
        }
        vWeights[q] = wv;
        wWeights[q] = vv;
      }
      for (let q = 0; q < c; q++) {
        const wv = vWeights[q] as number;
        const vv = wWeights[q] as number;
        for (let i = k + 1; i < n; i++) w[i] = (w[i] as number) - (vs[q * n + i] as number) * wv - (ws[q * n + i] as number) * vv;
      }
      // K = vᵀp, w = 2(p − K v): H A H = A − (v wᵀ + w vᵀ) for H = I − 2vvᵀ
      let kappa = 0;
      for (let i = k + 1; i < n; i++) kappa += (w[i] as number) * (v[i] as number);
      for (let i = k + 1; i < n; i++) w[i] = 2 * ((w[i] as number) - kappa * (v[i] as number));
    }
    rankUpdate(a, n, start + count, vs, ws, count);
  }
  if (n >= 2) {
    diagonal[n - 2] = a[(n - 2) * n + n - 2] as number;
    offDiagonal[n - 2] = a[(n - 1) * n + n - 2] as number;
  }
  if (n >= 1) diagonal[n - 1] = a[n * n - 1] as number;
  return { diagonal, offDiagonal };
}

/** out[from:] = A[from:, from:] · v[from:], reading the lower triangle only, two rows per sweep. */
function symmetricProduct(a: Float64Array, n: number, from: number, v: Float64Array, out: Float64Array): void {
  let i = from;
  for (; i + 1 < n; i += 2) {
    const row0 = i * n;
    const row1 = row0 + n;
    const v0 = v[i] as number;
    const v1 = v[i + 1] as number;
    let sum0 = 0;
    let sum1 = 0;
    for (let j = from; j < i; j++) {
      const a0 = a[row0 + j] as number;
      const a1 = a[row1 + j] as number;
      const vj = v[j] as number;
      sum0 += a0 * vj;
      sum1 += a1 * vj;
      out[j] = (out[j] as number) + a0 * v0 + a1 * v1;
    }
    const a10 = a[row1 + i] as number; // A[i+1][i]
    out[i] = (out[i] as number) + sum0 + (a[row0 + i] as number) * v0 + a10 * v1;
    out[i + 1] = (out[i + 1] as number) + sum1 + a10 * v0 + (a[row1 + i + 1] as number) * v1;
  }
  if (i < n) {
    const row = i * n;
    const vi = v[i] as number;
    let sum = 0;
    for (let j = from; j < i; j++) {
      const aij = a[row + j] as number;
      sum += aij * (v[j] as number);
      out[j] = (out[j] as number) + aij * vi;
    }
    out[i] = (out[i] as number) + sum + (a[row + i] as number) * vi;
  }
}

/** A[from:, from:] −= Σ_{q<count} v_q w_qᵀ + w_q v_qᵀ on the lower triangle, four q per sweep. */
function rankUpdate(a: Float64Array, n: number, from: number, vs: Float64Array, ws: Float64Array, count: number): void {
  for (let i = from; i < n; i++) {
    const row = i * n;
    let q = 0;
    for (; q + 3 < count; q += 4) {
      const o0 = q * n;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      const v0 = vs[o0 + i] as number;
      const v1 = vs[o1 + i] as number;
      const v2 = vs[o2 + i] as number;
      const v3 = vs[o3 + i] as number;
      const w0 = ws[o0 + i] as number;
      const w1 = ws[o1 + i] as number;
      const w2 = ws[o2 + i] as number;
      const w3 = ws[o3 + i] as number;
      for (let j = from; j <= i; j++) {
        a[row + j] =
          (a[row + j] as number) -
          (v0 * (ws[o0 + j] as number) + w0 * (vs[o0 + j] as number)) -
          (v1 * (ws[o1 + j] as number) + w1 * (vs[o1 + j] as number)) -
          (v2 * (ws[o2 + j] as number) + w2 * (vs[o2 + j] as number)) -
          (v3 * (ws[o3 + j] as number) + w3 * (vs[o3 + j] as number));
      }
    }
    for (; q < count; q++) {
      const o = q * n;
      const vq = vs[o + i] as number;
      const wq = ws[o + i] as number;
      for (let j = from; j <= i; j++) a[row + j] = (a[row + j] as number) - vq * (ws[o + j] as number) - wq * (vs[o + j] as number);
    }
  }
}
