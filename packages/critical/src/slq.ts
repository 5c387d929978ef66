/**
 * Stochastic Lanczos quadrature (Ghorbani, Krishnan & Xiao 2019; PyHessian's `density`): the
 * Hessian's eigenvalue density from a few Lanczos runs on random vectors, Gaussian-broadened.
 */
import { createRng, InputError } from '@losslens/core';
import type { EventChannel } from '@losslens/core';
import { lanczosDecomposition } from './lanczos.js';
import type { LinearOperator } from './operator.js';
import { tridiagonalEigen } from './symmetric-eigen.js';
import { rademacher } from './vector.js';

/** Options for {@link slqDensity}. */
export interface SlqOptions {
  /** Independent random start vectors (PyHessian's n_v; default 10). */
  runs?: number;
  /** Lanczos steps per run (PyHessian's iter; default 80, at most n). */
  steps?: number;
  /** Seed (default 0). */
  seed?: number;
  /** Points of the density grid (default 1000). */
  gridPoints?: number;
  /**
   * Gaussian variance σ² = varianceFactor·max(1, λ_max − λ_min) (PyHessian's sigma_squared,
   * default 1e-5).
   */
  varianceFactor?: number;
  /** Margin added on each side of [λ_min, λ_max] for the grid (default max(0.01, 3σ)). */
  margin?: number;
  events?: EventChannel;
}

/** The Gauss quadrature rule of one run: Ritz values and the squared first components. */
export interface SlqRun {
  /** Ritz values θ_j, ascending. */
  nodes: Float64Array;
  /** τ_j² (first component of T's eigenvectors, squared); they sum to 1. */
  weights: Float64Array;
}

/** The estimated eigenvalue density. */
export interface SlqDensity {
  runs: SlqRun[];
  /** Evenly spaced eigenvalue axis. */
  grid: Float64Array;
  /** Density on `grid`, normalized so Σ density·Δ = 1 (eigenvalues per unit λ, divided by n). */
  density: Float64Array;
  /** The Gaussian variance σ² used. */
  variance: number;
  /** Lanczos steps per run actually taken. */
  steps: number;
  /** Operator products used. */
  applications: number;
  /** The dimension n of the operator. */
  size: number;
}

/**
 * Estimates the spectral density of a symmetric operator by SLQ: for each of `runs` Rademacher
 * start vectors, `steps` Lanczos steps (full reorthogonalization) give nodes θ_j and weights τ_j²
 * with vᵀf(A)v/‖v‖² ≈ Σ τ_j² f(θ_j); the density is the mean over runs of Σ τ_j² N(x; θ_j, σ²).
 * When steps = n every node is an exact eigenvalue.
 * @example
 * const { grid, density } = slqDensity(hessianOperator(objective, theta), { runs: 5, steps: 40 });
 */
export function slqDensity(operator: LinearOperator, options: SlqOptions = {}): SlqDensity {
  const runsCount = options.runs ?? 10;
  const n = operator.size;
  const steps = Math.min(options.steps ?? 80, n);
  const gridPoints = options.gridPoints ?? 1000;
  const varianceFactor = options.varianceFactor ?? 1e-5;
  for (const [name, value, minimum] of [
    ['runs', runsCount, 1],
    ['steps', steps, 1],
    ['gridPoints', gridPoints, 2],
  ] as const) {
    if (!Number.isInteger(value) || value < minimum) throw new InputError('E_VALUE', `${name} must be an integer ≥ ${minimum}, got ${value}`);
  }
  if (!(varianceFactor > 0)) throw new InputError('E_VALUE', `varianceFactor must be > 0, got ${varianceFactor}`);
  const rng = createRng(options.seed ?? 0);
  const before = operator.applications;
  const runs: SlqRun[] = [];
  for (let r = 0; r < runsCount; r++) {
    const start = rademacher(n, rng.fork(`start-${r}`));
    const d = lanczosDecomposition(operator, start, steps, { keepBasis: false, seed: rng.fork(`restart-${r}`).seed });
    const eigen = tridiagonalEigen(d.alpha, d.beta, { vectors: true });
    runs.push({ nodes: eigen.values, weights: Float64Array.from(eigen.vectors, (s) => (s[0] as number) ** 2) });
    options.events?.emit({ type: 'progress', task: 'slq', done: r + 1, total: runsCount });
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    lo = Math.min(lo, run.nodes[0] as number);
    hi = Math.max(hi, run.nodes[run.nodes.length - 1] as number);
  }
  const variance = varianceFactor * Math.max(1, hi - lo);
  const margin = options.margin ?? Math.max(0.01, 3 * Math.sqrt(variance));
  const grid = Float64Array.from({ length: gridPoints }, (_, i) => lo - margin + ((hi - lo + 2 * margin) * i) / (gridPoints - 1));
  const density = new Float64Array(gridPoints);
  const norm = 1 / Math.sqrt(2 * Math.PI * variance);
  for (const run of runs) {
    run.nodes.forEach((node, j) => {
      const w = (run.weights[j] as number) / runsCount;
      for (let i = 0; i < gridPoints; i++) {
        density[i] = (density[i] as number) + w * norm * Math.exp(-(((grid[i] as number) - node) ** 2) / (2 * variance));
      }
    });
  }
  const spacing = (grid[1] as number) - (grid[0] as number);
  const total = density.reduce((s, x) => s + x, 0) * spacing;
  if (total > 0) for (let i = 0; i < gridPoints; i++) density[i] = (density[i] as number) / total;
  return { runs, grid, density, variance, steps, applications: operator.applications - before, size: n };
}

/**
 * The SLQ estimate of tr f(A) = n·mean over runs of Σ_j τ_j² f(θ_j), with the standard error
 * across runs (Monte-Carlo error only; the quadrature's own bias for non-smooth f is not in it).
 * @example
 * slqExpectation(slq, (x) => x).estimate; // ≈ trace of A
 */
export function slqExpectation(slq: SlqDensity, f: (eigenvalue: number) => number): { estimate: number; standardError: number } {
  const perRun = slq.runs.map((run) => run.nodes.reduce((s, node, j) => s + (run.weights[j] as number) * f(node), 0) * slq.size);
  const m = perRun.length;
  const mean = perRun.reduce((s, x) => s + x, 0) / m;
  const variance = m > 1 ? perRun.reduce((s, x) => s + (x - mean) ** 2, 0) / (m - 1) : Number.POSITIVE_INFINITY;
  return { estimate: mean, standardError: Math.sqrt(variance / m) };
}
