/**
 * Lanczos with full reorthogonalization: the extreme eigenpairs (top-k AND bottom-k, i.e.
 * the most negative) of a symmetric operator from a few dozen products, with residual norms.
 */
import { createRng, InputError } from '@losslens/core';
import type { EventChannel } from '@losslens/core';
import type { LinearOperator } from './operator.js';
import { tridiagonalEigen } from './symmetric-eigen.js';
import { axpy, dot, gaussian, norm, orthogonalize } from './vector.js';

/** One eigenpair with how well it satisfies A v = λ v. */
export interface Eigenpair {
  value: number;
  /** Unit vector (float64). */
  vector: Float64Array;
  /**
   * ‖A v − λ v‖₂. Exact (one extra product per pair) unless the solver was asked for estimates
   * only, then the Lanczos estimate β_m·|s_m|. By Weyl's theorem some true eigenvalue lies
   * within this distance of `value`.
   */
  residual: number;
}

/** A Krylov basis and its tridiagonal matrix T = QᵀAQ. */
export interface LanczosDecomposition {
  /** Diagonal of T. */
  alpha: Float64Array;
  /** Off-diagonal of T (length steps − 1); zeros mark restarts after an invariant subspace. */
  beta: Float64Array;
  /** The orthonormal basis vectors q_1 … q_m (empty when not kept). */
  basis: Float64Array[];
  /** The norm of the last residual vector (β_m); the Ritz residual estimates scale with it. */
  lastBeta: number;
}

/**
 * Runs `steps` Lanczos steps from `start` with full reorthogonalization (twice classical
 * Gram–Schmidt against every previous basis vector). When the Krylov space becomes invariant
 * before `steps`, it continues from a fresh random vector orthogonal to the basis (T gets a
 * zero off-diagonal entry), so with steps = n it recovers every eigenvalue, multiplicities
 * included. `onStep` may return true to stop early.
 * @example
 * const { alpha, beta } = lanczosDecomposition(operator, start, 30);
 */
export function lanczosDecomposition(
  operator: LinearOperator,
  start: ArrayLike<number>,
  steps: number,
  options: { keepBasis?: boolean; seed?: number; onStep?: (decomposition: LanczosDecomposition) => boolean } = {},
): LanczosDecomposition {
  const n = operator.size;
  const m = Math.min(steps, n);
  if (start.length !== n) throw new InputError('E_SHAPE', `start vector has ${start.length} entries, expected ${n}`);
  const startNorm = norm(start);
  if (!(startNorm > 0) || !Number.isFinite(startNorm)) throw new InputError('E_VALUE', 'the start vector must be non-zero and finite');
  const rng = createRng(options.seed ?? 0).fork('lanczos-restart');
  const basis: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let q = Float64Array.from(start, (x) => x / startNorm);
  let lastBeta = 0;
  let scale = 0;
  for (let j = 0; j < m; j++) {
    basis.push(q);
    const w = operator.apply(q);
    const a = dot(q, w);
    alpha.push(a);
    axpy(-a, q, w);
    if (j > 0) axpy(-(beta[j - 1] as number), basis[j - 1] as Float64Array, w);
    orthogonalize(w, basis);
    const b = norm(w);
    scale = Math.max(scale, Math.abs(a), b);
    lastBeta = b;
    const decomposition = {
      alpha: Float64Array.from(alpha),
      beta: Float64Array.from(beta),
      basis,
      lastBeta,
    };
    if (j === m - 1 || options.onStep?.(decomposition) === true) break;
    if (b > 1e-10 * scale) {
      beta.push(b);
      q = Float64Array.from(w, (x) => x / b);
    } else {
      // Invariant subspace found: restart orthogonally to it (T splits into blocks).
      beta.push(0);
      const fresh = orthogonalize(gaussian(n, rng), basis);
      const freshNorm = norm(fresh);
      q = Float64Array.from(fresh, (x) => x / freshNorm);
    }
  }
  return {
    alpha: Float64Array.from(alpha),
    beta: Float64Array.from(beta),
    basis: options.keepBasis === false ? [] : basis,
    lastBeta,
  };
}

/** Options for {@link lanczos}. */
export interface LanczosOptions {
  /** How many of the largest eigenpairs (default 1). */
  top?: number;
  /** How many of the smallest (most negative) eigenpairs (default 1). */
  bottom?: number;
  /** Stop when every requested pair has residual estimate ≤ tolerance × max|Ritz value| (default 1e-4). */
  tolerance?: number;
  /** Most Lanczos steps = operator products (default min(n, max(100, 4·(top + bottom)))). */
  maxSteps?: number;
  /** Seed of the random start vector (default 0). */
  seed?: number;
  /** 'exact' (default): one extra product per returned pair for ‖Av − λv‖; 'estimate': β_m|s_m|. */
  residuals?: 'exact' | 'estimate';
  /** Progress events (`task: 'lanczos'`), one per step. */
  events?: EventChannel;
}

/** The result of {@link lanczos}. */
export interface LanczosResult {
  /** Largest eigenpairs, descending. */
  top: Eigenpair[];
  /** Smallest eigenpairs, ascending (the first is the most negative). */
  bottom: Eigenpair[];
  /** Lanczos steps taken (= products used by the iteration). */
  steps: number;
  /** Extra products spent on exact residuals. */
  residualApplications: number;
  /** Whether every requested pair met the tolerance (always true when steps reached n). */
  converged: boolean;
  /** All Ritz values of the final T, ascending. */
  ritzValues: Float64Array;
  /** The largest Ritz value after each step (for convergence studies). */
  topHistory: number[];
  /** The smallest Ritz value after each step. */
  bottomHistory: number[];
}

/**
 * The top-k and bottom-k eigenpairs of a symmetric operator by Lanczos with full
 * reorthogonalization, with residual norms. Requested pairs that coincide (k_top + k_bottom > n)
 * are returned on both sides. Clustered or repeated eigenvalues may need more steps (a single
 * Krylov space sees one copy of a repeated eigenvalue until restarted).
 * @example
 * const { top, bottom } = lanczos(hessianOperator(objective, theta), { top: 3, bottom: 3 });
 * bottom[0].value; // the most negative eigenvalue
 */
export function lanczos(operator: LinearOperator, options: LanczosOptions = {}): LanczosResult {
  const n = operator.size;
  const topCount = options.top ?? 1;
  const bottomCount = options.bottom ?? 1;
  for (const [flag, value] of [
    ['top', topCount],
    ['bottom', bottomCount],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) throw new InputError('E_VALUE', `${flag} must be a non-negative integer, got ${value}`);
  }
  const tolerance = options.tolerance ?? 1e-4;
  const maxSteps = Math.min(n, options.maxSteps ?? Math.max(100, 4 * (topCount + bottomCount)));
  const rng = createRng(options.seed ?? 0);
  const start = gaussian(n, rng.fork('start'));
  const topHistory: number[] = [];
  const bottomHistory: number[] = [];
  let converged = false;
  const before = operator.applications;
  const needed = Math.min(n, Math.max(topCount, bottomCount, 1));

  const ritzOf = (d: LanczosDecomposition) => {
    const eigen = tridiagonalEigen(d.alpha, d.beta, { vectors: true });
    const m = d.alpha.length;
    const estimates = eigen.vectors.map((s) => d.lastBeta * Math.abs(s[m - 1] as number));
    return { eigen, estimates };
  };
  const isConverged = (d: LanczosDecomposition, eigen: ReturnType<typeof ritzOf>) => {
    const m = d.alpha.length;
    if (m >= n) return true;
    if (m < needed + 1) return false;
    const values = eigen.eigen.values;
    const scale = Math.max(Math.abs(values[0] as number), Math.abs(values[m - 1] as number), Number.MIN_VALUE);
    // An invariant subspace: every Ritz value is exact, but copies of repeated eigenvalues may
    // still lie outside it. Keep going (the next step restarts) rather than trust the counts.
    if (d.lastBeta <= 1e-10 * scale) return false;
    const wanted = [
      ...Array.from({ length: Math.min(bottomCount, m) }, (_, i) => i),
      ...Array.from({ length: Math.min(topCount, m) }, (_, i) => m - 1 - i),
    ];
    return wanted.every((k) => (eigen.estimates[k] as number) <= tolerance * scale);
  };

  const decomposition = lanczosDecomposition(operator, start, maxSteps, {
    seed: rng.fork('restart').seed,
    onStep: (d) => {
      const m = d.alpha.length;
      const checkNow = m <= 60 || m % Math.max(1, Math.floor(m / 10)) === 0 || m === maxSteps;
      const values = tridiagonalEigen(d.alpha, d.beta, { vectors: false }).values;
      topHistory.push(values[m - 1] as number);
      bottomHistory.push(values[0] as number);
      options.events?.emit({ type: 'progress', task: 'lanczos', done: m, total: maxSteps });
      if (!checkNow) return false;
      converged = isConverged(d, ritzOf(d));
      return converged;
    },
  });
  const steps = decomposition.alpha.length;
  if (topHistory.length < steps) {
    const values = tridiagonalEigen(decomposition.alpha, decomposition.beta, { vectors: false }).values;
    topHistory.push(values[steps - 1] as number);
    bottomHistory.push(values[0] as number);
  }
  const ritz = ritzOf(decomposition);
  converged = isConverged(decomposition, ritz);
  const iterationApplications = operator.applications - before;

  const pairAt = (k: number): Eigenpair => {
    const s = ritz.eigen.vectors[k] as Float64Array;
    const vector = new Float64Array(n);
    decomposition.basis.forEach((q, i) => axpy(s[i] as number, q, vector));
    const length = norm(vector);
    for (let i = 0; i < n; i++) vector[i] = (vector[i] as number) / length;
    const value = ritz.eigen.values[k] as number;
    if (options.residuals === 'estimate') return { value, vector, residual: ritz.estimates[k] as number };
    const image = operator.apply(vector);
    axpy(-value, vector, image);
    return { value, vector, residual: norm(image) };
  };
  const cache = new Map<number, Eigenpair>();
  const pair = (k: number) => {
    let p = cache.get(k);
    if (p === undefined) {
      p = pairAt(k);
      cache.set(k, p);
    }
    return p;
  };
  const top = Array.from({ length: Math.min(topCount, steps) }, (_, i) => pair(steps - 1 - i));
  const bottom = Array.from({ length: Math.min(bottomCount, steps) }, (_, i) => pair(i));
  return {
    top,
    bottom,
    steps,
    residualApplications: operator.applications - before - iterationApplications,
    converged,
    ritzValues: ritz.eigen.values,
    topHistory,
    bottomHistory,
  };
}
