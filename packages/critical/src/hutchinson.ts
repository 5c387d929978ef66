/**
 * Stochastic trace estimators with error bars: Hutchinson (tr A = E[zᵀAz] for Rademacher z)
 * and Hutch++ (Meyer, Musco, Musco & Woodruff 2021: exact trace on a sketched top subspace,
 * Hutchinson on the rest).
 */
import { createRng, InputError } from '@losslens/core';
import type { LinearOperator } from './operator.js';
import { dot, norm, orthogonalize, rademacher } from './vector.js';

/** A trace estimate with its Monte-Carlo standard error. */
export interface TraceEstimate {
  estimate: number;
  /**
   * Standard error of the estimate: sample standard deviation of the random part over
   * √samples. A ±2·standardError interval covers the true trace about 95 % of the time
   * once samples ≳ 30 (the estimate is a mean of i.i.d. terms).
   */
  standardError: number;
  /** The i.i.d. terms averaged by the random part (zᵀAz for Hutchinson). */
  samples: number[];
  /** Operator products used. */
  applications: number;
}

const meanAndError = (samples: readonly number[]): { mean: number; standardError: number } => {
  const m = samples.length;
  const mean = samples.reduce((s, x) => s + x, 0) / m;
  if (m < 2) return { mean, standardError: Number.POSITIVE_INFINITY };
  const variance = samples.reduce((s, x) => s + (x - mean) ** 2, 0) / (m - 1);
  return { mean, standardError: Math.sqrt(variance / m) };
};

const checkCount = (name: string, value: number, minimum: number) => {
  if (!Number.isInteger(value) || value < minimum) {
    throw new InputError('E_VALUE', `${name} must be an integer ≥ ${minimum}, got ${value}`);
  }
};

/**
 * Hutchinson's trace estimate: the mean of zᵀAz over `samples` Rademacher vectors z
 * (default 100), with its standard error. Variance 2(‖A‖²_F − Σ A_ii²) per sample.
 * @example
 * const { estimate, standardError } = hutchinsonTrace(hessianOperator(objective, theta), { samples: 50 });
 */
export function hutchinsonTrace(operator: LinearOperator, options: { samples?: number; seed?: number } = {}): TraceEstimate {
  const count = options.samples ?? 100;
  checkCount('samples', count, 2);
  const rng = createRng(options.seed ?? 0).fork('hutchinson');
  const before = operator.applications;
  const samples = Array.from({ length: count }, () => {
    const z = rademacher(operator.size, rng);
    return dot(z, operator.apply(z));
  });
  const { mean, standardError } = meanAndError(samples);
  return { estimate: mean, standardError, samples, applications: operator.applications - before };
}

/**
 * Hutch++: with a budget of `applications` products (default 102, rounded down to a multiple
 * of 3), sketches Q = orth(A·S) from k = budget/3 Rademacher columns, takes tr(QᵀAQ) exactly
 * and estimates tr((I−QQᵀ)A(I−QQᵀ)) by Hutchinson with k more vectors. Far smaller variance
 * than Hutchinson when the spectrum is dominated by a few large eigenvalues (Hessians are).
 * The standard error covers the Hutchinson part (the sketched part is exact given Q).
 * @example
 * const { estimate, standardError } = hutchPlusPlusTrace(operator, { applications: 60 });
 */
export function hutchPlusPlusTrace(
  operator: LinearOperator,
  options: { applications?: number; seed?: number } = {},
): TraceEstimate {
  const budget = options.applications ?? 102;
  checkCount('applications', budget, 6);
  const k = Math.floor(budget / 3);
  const n = operator.size;
  const rng = createRng(options.seed ?? 0).fork('hutch++');
  const before = operator.applications;
  const q: Float64Array[] = [];
  for (let i = 0; i < Math.min(k, n); i++) {
    const image = operator.apply(rademacher(n, rng));
    const imageNorm = norm(image);
    const y = orthogonalize(image, q);
    const length = norm(y);
    // keep the column unless A·s lies (numerically) in span(Q) already
    if (length > 1e-10 * imageNorm) q.push(Float64Array.from(y, (x) => x / length));
  }
  let sketched = 0;
  for (const column of q) sketched += dot(column, operator.apply(column));
  const samples = Array.from({ length: k }, () => {
    const g = orthogonalize(rademacher(n, rng), q);
    return dot(g, operator.apply(g));
  });
  const { mean, standardError } = meanAndError(samples);
  return {
    estimate: sketched + mean,
    standardError,
    samples,
    applications: operator.applications - before,
  };
}
