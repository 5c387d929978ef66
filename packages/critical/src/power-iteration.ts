/**
 * Power iteration (PyHessian's method for the top eigenvalue), and the bottom eigenvalue by a
 * spectral shift. Kept as the baseline Lanczos is measured against.
 */
import { createRng, InputError } from '@losslens/core';
import type { LinearOperator } from './operator.js';
import type { Eigenpair } from './lanczos.js';
import { axpy, dot, gaussian, norm } from './vector.js';

/** Options for {@link powerIteration}. */
export interface PowerIterationOptions {
  /**
   * 'largest' (default): the largest eigenvalue; 'smallest': the most negative; 'magnitude':
   * the one of largest |λ| (plain power iteration).
   */
  which?: 'largest' | 'smallest' | 'magnitude';
  /** Stop when ‖Av − λv‖ ≤ tolerance·|λ| (default 1e-4). */
  tolerance?: number;
  /** Most products per phase (default 1000). */
  maxIterations?: number;
  /** Seed of the random start vector (default 0). */
  seed?: number;
}

/** The result of {@link powerIteration}. */
export interface PowerIterationResult extends Eigenpair {
  /** Operator products used, all phases together. */
  applications: number;
  /** Whether the last phase met the tolerance. */
  converged: boolean;
  /** The shift σ used in the last phase (the iteration ran on A − σI); 0 without one. */
  shift: number;
  /** The eigenvalue estimate of A after each product (all phases). */
  history: number[];
}

interface Phase {
  value: number;
  vector: Float64Array;
  residual: number;
  converged: boolean;
}

function dominant(
  operator: LinearOperator,
  shift: number,
  start: Float64Array,
  tolerance: number,
  maxIterations: number,
  history: number[],
): Phase {
  let v = start;
  let value = 0;
  let residual = Number.POSITIVE_INFINITY;
  for (let k = 0; k < maxIterations; k++) {
    const w = operator.apply(v);
    if (shift !== 0) axpy(-shift, v, w);
    value = dot(v, w); // Rayleigh quotient of A − σI
    history.push(value + shift);
    const r = Float64Array.from(w);
    axpy(-value, v, r);
    residual = norm(r);
    if (residual <= tolerance * Math.abs(value) || residual === 0) return { value, vector: v, residual, converged: true };
    const length = norm(w);
    if (length === 0) return { value: 0, vector: v, residual, converged: true };
    v = Float64Array.from(w, (x) => x / length);
  }
  return { value, vector: v, residual, converged: false };
}

/**
 * The largest (default), smallest or largest-magnitude eigenpair by power iteration.
 * 'largest'/'smallest' first find the dominant eigenvalue λ_d; if it has the wrong sign they
 * iterate again on A − λ_d·I, whose dominant eigenvalue is then λ_max − λ_d (≥ 0) or
 * λ_min − λ_d (≤ 0). Converges at the rate |λ₂/λ₁| per product: slow for close eigenvalues.
 * @example
 * const { value } = powerIteration(hessianOperator(objective, theta), { which: 'smallest' });
 */
export function powerIteration(operator: LinearOperator, options: PowerIterationOptions = {}): PowerIterationResult {
  const which = options.which ?? 'largest';
  const tolerance = options.tolerance ?? 1e-4;
  const maxIterations = options.maxIterations ?? 1000;
  if (!['largest', 'smallest', 'magnitude'].includes(which)) {
    throw new InputError('E_VALUE', `which must be largest, smallest or magnitude, got "${String(which)}"`);
  }
  const rng = createRng(options.seed ?? 0);
  const before = operator.applications;
  const history: number[] = [];
  const start = gaussian(operator.size, rng.fork('start'));
  const startNorm = norm(start);
  const first = dominant(operator, 0, Float64Array.from(start, (x) => x / startNorm), tolerance, maxIterations, history);
  let phase = first;
  let shift = 0;
  const wrongSign = (which === 'largest' && first.value < 0) || (which === 'smallest' && first.value > 0);
  if (wrongSign) {
    shift = first.value;
    const restart = gaussian(operator.size, rng.fork('shifted-start'));
    const restartNorm = norm(restart);
    phase = dominant(operator, shift, Float64Array.from(restart, (x) => x / restartNorm), tolerance, maxIterations, history);
  }
  return {
    value: phase.value + shift,
    vector: phase.vector,
    residual: phase.residual,
    converged: phase.converged,
    applications: operator.applications - before,
    shift,
    history,
  };
}
