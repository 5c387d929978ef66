/**
 * What kind of point θ is, from its gradient norm and the extreme Hessian eigenvalues,
 * under one documented tolerance policy (see the package README).
 */
import { InputError } from '@losslens/core';

/** The answer to "the gradient is ~0: what is this point?". */
export type CriticalPointKind = 'not-critical' | 'local-minimum' | 'local-maximum' | 'saddle-point' | 'degenerate';

/**
 * The tolerance policy. An eigenvalue λ counts as zero when |λ| ≤ max(relative·max|λ|, absolute):
 * relative to the spectrum's own scale (so rescaling the loss never changes the verdict), with
 * an absolute floor because float32 HVPs cannot resolve curvature much below ~1e-6 of an O(1) loss.
 */
export interface TolerancePolicy {
  /** θ is not critical when ‖∇L(θ)‖₂ > gradient (default 1e-3, absolute, in loss units per parameter unit). */
  gradient?: number;
  /** Zero band relative to max|λ| (default 1e-4, a few hundred float32 round-offs). */
  relative?: number;
  /** Absolute floor of the zero band (default 1e-6). */
  absolute?: number;
}

/**
 * The defaults of {@link TolerancePolicy}.
 * @example
 * classifyCriticalPoint(summary, { ...defaultTolerances, gradient: 1e-4 });
 */
export const defaultTolerances: Required<TolerancePolicy> = { gradient: 1e-3, relative: 1e-4, absolute: 1e-6 };

const resolve = (policy: TolerancePolicy = {}): Required<TolerancePolicy> => {
  const merged = { ...defaultTolerances, ...policy };
  for (const [name, value] of Object.entries(merged)) {
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new InputError('E_VALUE', `tolerance "${name}" must be a finite number ≥ 0, got ${value}`);
    }
  }
  return merged;
};

/**
 * The zero band of a spectrum whose largest |eigenvalue| is `spectralScale`:
 * max(relative·spectralScale, absolute).
 * @example
 * zeroTolerance(2); // 2e-4 with the default relative tolerance 1e-4
 */
export function zeroTolerance(spectralScale: number, policy: TolerancePolicy = {}): number {
  const { relative, absolute } = resolve(policy);
  return Math.max(relative * Math.abs(spectralScale), absolute);
}

/** How many eigenvalues are positive, negative and zero under a tolerance. */
export interface SignCounts {
  positive: number;
  negative: number;
  zero: number;
}

/**
 * Counts eigenvalues above `tolerance`, below `−tolerance`, and in the zero band.
 * @example
 * signCounts([-2, 0, 2], 1e-6); // { positive: 1, negative: 1, zero: 1 }
 */
export function signCounts(eigenvalues: ArrayLike<number>, tolerance: number): SignCounts {
  const counts = { positive: 0, negative: 0, zero: 0 };
  for (let i = 0; i < eigenvalues.length; i++) {
    const value = eigenvalues[i] as number;
    if (value > tolerance) counts.positive++;
    else if (value < -tolerance) counts.negative++;
    else counts.zero++;
  }
  return counts;
}

/** What {@link classifyCriticalPoint} needs: the gradient norm and the extreme eigenvalues. */
export interface CurvatureSummary {
  gradientNorm: number;
  /** The smallest (most negative) eigenvalue of H. */
  smallest: number;
  /** The largest eigenvalue of H. */
  largest: number;
}

/** The verdict with the tolerances that produced it. */
export interface Classification {
  kind: CriticalPointKind;
  /** The zero band used for the eigenvalues. */
  zeroTolerance: number;
  gradientTolerance: number;
  /** One sentence saying why. */
  reason: string;
}

/**
 * Classifies θ. Not critical when ‖∇L‖ > the gradient tolerance; otherwise, with τ the zero band:
 * all eigenvalues > τ → local-minimum; all < −τ → local-maximum; some > τ and some < −τ →
 * saddle-point (a strict saddle, whatever the flat directions); otherwise (semi-definite with
 * eigenvalues in the zero band, or all zero) → degenerate, where the second-order test cannot
 * decide. Only the two extreme eigenvalues matter, so partial spectra (Lanczos) suffice.
 * @example
 * classifyCriticalPoint({ gradientNorm: 0, smallest: -2, largest: 2 }).kind; // 'saddle-point'
 */
export function classifyCriticalPoint(summary: CurvatureSummary, policy: TolerancePolicy = {}): Classification {
  const tolerances = resolve(policy);
  const { gradientNorm, smallest, largest } = summary;
  for (const [name, value] of Object.entries(summary)) {
    if (!Number.isFinite(value)) throw new InputError('E_VALUE', `${name} must be finite, got ${value}`);
  }
  if (smallest > largest) throw new InputError('E_VALUE', `smallest eigenvalue ${smallest} exceeds largest ${largest}`);
  const tau = zeroTolerance(Math.max(Math.abs(smallest), Math.abs(largest)), tolerances);
  const base = { zeroTolerance: tau, gradientTolerance: tolerances.gradient };
  const fmt = (x: number) => x.toPrecision(3);
  if (gradientNorm > tolerances.gradient) {
    return { ...base, kind: 'not-critical', reason: `gradient norm ${fmt(gradientNorm)} > tolerance ${fmt(tolerances.gradient)}` };
  }
  if (smallest > tau) {
    return { ...base, kind: 'local-minimum', reason: `every eigenvalue ≥ ${fmt(smallest)} > ${fmt(tau)}` };
  }
  if (largest < -tau) {
    return { ...base, kind: 'local-maximum', reason: `every eigenvalue ≤ ${fmt(largest)} < −${fmt(tau)}` };
  }
  if (smallest < -tau && largest > tau) {
    return {
      ...base,
      kind: 'saddle-point',
      reason: `eigenvalues of both signs: ${fmt(smallest)} < 0 < ${fmt(largest)} (zero band ±${fmt(tau)})`,
    };
  }
  return {
    ...base,
    kind: 'degenerate',
    reason: `no eigenvalues of both signs and some within the zero band ±${fmt(tau)}: the second-order test cannot decide`,
  };
}
