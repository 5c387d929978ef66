/**
 * The lecture's minimum ratio: the fraction of POSITIVE Hessian eigenvalues (LECTURE.md fixes
 * the original note, which wrote "local minima / critical points"). 1 at a strict local
 * minimum; lower values mean more directions that still go down or stay flat.
 */
import { InputError } from '@losslens/core';
import { signCounts, zeroTolerance, type SignCounts, type TolerancePolicy } from './classify.js';
import { slqExpectation, type SlqDensity } from './slq.js';
import { maxAbs } from './vector.js';

/** A minimum ratio with how it was obtained. */
export interface MinimumRatio {
  /** (number of eigenvalues > τ) / n. */
  value: number;
  /** 'exact': from every eigenvalue; 'slq': estimated from an SLQ density. */
  method: 'exact' | 'slq';
  /** 0 when exact; the SLQ standard error across runs otherwise. */
  standardError: number;
  /** Eigenvalue counts by sign (exact), or their SLQ estimates (rounded to integers). */
  counts: SignCounts;
  /** The zero band τ used. */
  zeroTolerance: number;
}

/**
 * The exact minimum ratio of a full spectrum: eigenvalues above the zero band τ (see
 * {@link zeroTolerance}, with n the number of eigenvalues) over all eigenvalues. Flat (zero)
 * directions do not count as positive.
 * @example
 * minimumRatio([-2, 2]).value; // 0.5 at the lecture's saddle
 */
export function minimumRatio(eigenvalues: ArrayLike<number>, policy: TolerancePolicy = {}): MinimumRatio {
  if (eigenvalues.length === 0) throw new InputError('E_VALUE', 'the minimum ratio needs at least one eigenvalue');
  const tau = zeroTolerance(maxAbs(eigenvalues), eigenvalues.length, policy);
  const counts = signCounts(eigenvalues, tau);
  return { value: counts.positive / eigenvalues.length, method: 'exact', standardError: 0, counts, zeroTolerance: tau };
}

/**
 * The minimum ratio estimated from an SLQ density: mean over runs of Σ_j τ_j²·[θ_j > τ], with the
 * standard error across runs. The zero band τ is taken relative to the largest |node|. The
 * quadrature resolves the positive fraction only to about 1/steps per run, which the standard
 * error does not include; more steps shrink that bias, more runs the random error.
 * @example
 * const { value, standardError } = minimumRatioFromSlq(slqDensity(operator, { runs: 10 }));
 */
export function minimumRatioFromSlq(slq: SlqDensity, policy: TolerancePolicy = {}): MinimumRatio {
  const scale = Math.max(...slq.runs.map((run) => maxAbs(run.nodes)));
  const tau = zeroTolerance(scale, slq.size, policy);
  const positive = slqExpectation(slq, (x) => (x > tau ? 1 : 0));
  const negative = slqExpectation(slq, (x) => (x < -tau ? 1 : 0));
  const n = slq.size;
  const positiveCount = Math.round(positive.estimate);
  const negativeCount = Math.round(negative.estimate);
  return {
    value: positive.estimate / n,
    method: 'slq',
    standardError: positive.standardError / n,
    counts: { positive: positiveCount, negative: negativeCount, zero: Math.max(0, n - positiveCount - negativeCount) },
    zeroTolerance: tau,
  };
}
