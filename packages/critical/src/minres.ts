/**
 * MINRES (Paige & Saunders 1975): solves A x = b, or minimizes ‖A x − b‖, for a symmetric —
 * possibly indefinite or singular — operator from products A·v only. Behind the Hessian-free
 * Newton-MR polish that lands on critical points of any kind.
 */
import { InputError } from '@losslens/core';
import type { LinearOperator } from './operator.js';
import { axpy, dot, norm } from './vector.js';

/** The result of {@link minres}. */
export interface MinresResult {
  x: Float64Array;
  /** The MINRES estimate of ‖b − A x‖. */
  residualNorm: number;
  iterations: number;
}

/**
 * MINRES from x₀ = 0 (one product per iteration, three-term recurrence, no stored basis).
 * Stops when the residual estimate ≤ tolerance·‖b‖ (default 1e-8) or after maxIterations
 * (default n). For singular consistent systems the iterates stay in the Krylov space of b.
 * @example
 * const { x } = minres(denseOperator({ size: 2, data: Float64Array.of(0, -2, -2, 0) }), Float64Array.of(2, 2));
 * // x = [-1, -1]
 */
export function minres(
  operator: LinearOperator,
  b: ArrayLike<number>,
  options: { maxIterations?: number; tolerance?: number } = {},
): MinresResult {
  const n = operator.size;
  if (b.length !== n) throw new InputError('E_SHAPE', `the right-hand side has ${b.length} entries, expected ${n}`);
  const maxIterations = options.maxIterations ?? n;
  const tolerance = options.tolerance ?? 1e-8;
  const x = new Float64Array(n);
  const beta1 = norm(b);
  if (beta1 === 0) return { x, residualNorm: 0, iterations: 0 };
  let r1: Float64Array = Float64Array.from(b);
  let r2: Float64Array = Float64Array.from(b);
  let y: Float64Array = Float64Array.from(b);
  let w: Float64Array = new Float64Array(n);
  let w2: Float64Array = new Float64Array(n);
  let oldb = 0;
  let beta = beta1;
  let dbar = 0;
  let epsln = 0;
  let phibar = beta1;
  let cs = -1;
  let sn = 0;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const v = Float64Array.from(y, (value) => value / beta);
    y = operator.apply(v);
    if (iterations >= 2) axpy(-beta / oldb, r1, y);
    const alpha = dot(v, y);
    axpy(-alpha / beta, r2, y);
    r1 = r2;
    r2 = y;
    oldb = beta;
    beta = norm(y);
    // previous rotation
    const oldeps = epsln;
    const delta = cs * dbar + sn * alpha;
    const gbar = sn * dbar - cs * alpha;
    epsln = sn * beta;
    dbar = -cs * beta;
    // next rotation
    const gamma = Math.max(Math.hypot(gbar, beta), Number.EPSILON);
    cs = gbar / gamma;
    sn = beta / gamma;
    const phi = cs * phibar;
    phibar = sn * phibar;
    const w1 = w2;
    w2 = w;
    w = Float64Array.from(v, (vi, i) => (vi - oldeps * (w1[i] as number) - delta * (w2[i] as number)) / gamma);
    axpy(phi, w, x);
    if (phibar <= tolerance * beta1 || beta === 0) break;
    y = Float64Array.from(r2);
  }
  return { x, residualNorm: phibar, iterations };
}
