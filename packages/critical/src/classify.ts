/**
 * What kind of point θ is, from its gradient norm, the extreme Hessian eigenvalues and the
 * eigenvalue counts, under one documented tolerance policy (docs/guide/critical-points.md).
 */
import { InputError } from '@losslens/core';

/** The answer to "the gradient is ~0: what is this point?". */
export type CriticalPointKind = 'not-critical' | 'local-minimum' | 'local-maximum' | 'saddle-point' | 'degenerate';

/** float32's machine epsilon, 2⁻²³: the relative precision of the HVPs the Hessian is built from. */
export const float32Epsilon = 2 ** -23;

/**
 * The tolerance policy. An eigenvalue λ of an n × n Hessian counts as zero (flat) when
 * |λ| ≤ max(precisionMultiple·n·ε₃₂·max|λ|, relative·max|λ|, absolute), ε₃₂ = 2⁻²³. The first term is the
 * precision of the computed eigenvalues: the Hessian comes from float32 HVPs, each entry off by
 * a few ε₃₂·max|H|, and Weyl's inequality bounds every eigenvalue's error by the spectral norm of
 * that error matrix, at most n·max|entry error|. Measured against a float64 Hessian (tanh MLPs,
 * P = 13 … 97, see docs/guide/critical-points.md), the error stays below 0.12·n·ε₃₂·max|λ|:
 * the default multiple 10 leaves a margin of more than 80. It scales with the spectrum (so
 * rescaling the loss never changes the verdict), and n stops growing at 4096 (the largest
 * dense Hessian).
 */
export interface TolerancePolicy {
  /** θ is not critical when ‖∇L(θ)‖₂ > gradient (default 1e-3, absolute, in loss units per parameter unit). */
  gradient?: number;
  /** The multiple of n·ε₃₂·max|λ| in the zero band (default 10). */
  precisionMultiple?: number;
  /** An extra zero band relative to max|λ| (default 0), e.g. 1e-4 for the band before 0.2. */
  relative?: number;
  /** Absolute floor of the zero band (default 1e-6): curvature an O(1) float32 loss cannot resolve. */
  absolute?: number;
}

/**
 * The defaults of {@link TolerancePolicy}.
 * @example
 * classifyCriticalPoint(summary, { ...defaultTolerances, gradient: 1e-4 });
 */
export const defaultTolerances: Required<TolerancePolicy> = { gradient: 1e-3, precisionMultiple: 10, relative: 0, absolute: 1e-6 };

/** The size beyond which the n·ε₃₂ term of the zero band stops growing (the largest dense Hessian). */
const largestBandSize = 4096;

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
 * The zero band of an n × n spectrum whose largest |eigenvalue| is `spectralScale`:
 * max(precisionMultiple·min(n, 4096)·ε₃₂·spectralScale, relative·spectralScale, absolute).
 * @example
 * zeroTolerance(2, 13); // 10·13·2⁻²³·2 ≈ 3.1e-5
 */
export function zeroTolerance(spectralScale: number, size: number, policy: TolerancePolicy = {}): number {
  const { precisionMultiple, relative, absolute } = resolve(policy);
  if (!Number.isInteger(size) || size < 1) throw new InputError('E_VALUE', `the spectrum size must be a positive integer, got ${size}`);
  const scale = Math.abs(spectralScale);
  return Math.max(precisionMultiple * Math.min(size, largestBandSize) * float32Epsilon * scale, relative * scale, absolute);
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
  /** n, the number of eigenvalues (P), for the zero band (default 1). */
  size?: number;
  /** The eigenvalue counts in the same zero band (exact, or estimated by SLQ), for the flat directions. */
  counts?: SignCounts;
}

/** The verdict with the tolerances that produced it. */
export interface Classification {
  kind: CriticalPointKind;
  /** The zero band used for the eigenvalues. */
  zeroTolerance: number;
  gradientTolerance: number;
  /** Eigenvalues in the zero band (when the counts were given). */
  flatDirections?: number;
  /** One sentence saying why. */
  reason: string;
}

/** A point whose significantly non-zero eigenvalues are at most this fraction of all is degenerate. */
const degenerateFraction = 0.01;

/**
 * Classifies θ. Not critical when ‖∇L‖ > the gradient tolerance; otherwise, with τ the zero band
 * ({@link zeroTolerance}): eigenvalues of both signs beyond τ → saddle-point (a strict saddle,
 * whatever the flat directions); (nearly) every eigenvalue within τ — at most 1 % of them
 * beyond it — → degenerate, where the second-order test says nothing; otherwise no eigenvalue
 * is significantly negative → local-minimum (or none significantly positive → local-maximum),
 * with `flatDirections` the eigenvalues in the band: a minimum with flat directions, as
 * practitioners call the points training ends at. Only the two extreme eigenvalues and the
 * counts matter, so partial spectra (Lanczos with SLQ counts) suffice.
 * @example
 * classifyCriticalPoint({ gradientNorm: 0, smallest: -2, largest: 2 }).kind; // 'saddle-point'
 * classifyCriticalPoint({ gradientNorm: 0, smallest: 0, largest: 2, size: 3, counts: { positive: 1, negative: 0, zero: 2 } });
 * // { kind: 'local-minimum', flatDirections: 2, … }
 */
export function classifyCriticalPoint(summary: CurvatureSummary, policy: TolerancePolicy = {}): Classification {
  const tolerances = resolve(policy);
  const { gradientNorm, smallest, largest, counts } = summary;
  const size = summary.size ?? (counts === undefined ? 1 : counts.positive + counts.negative + counts.zero);
  for (const [name, value] of Object.entries({ gradientNorm, smallest, largest })) {
    if (!Number.isFinite(value)) throw new InputError('E_VALUE', `${name} must be finite, got ${value}`);
  }
  if (smallest > largest) throw new InputError('E_VALUE', `smallest eigenvalue ${smallest} exceeds largest ${largest}`);
  const tau = zeroTolerance(Math.max(Math.abs(smallest), Math.abs(largest)), size, tolerances);
  const base = {
    zeroTolerance: tau,
    gradientTolerance: tolerances.gradient,
    ...(counts === undefined ? {} : { flatDirections: counts.zero }),
  };
  const fmt = (x: number) => (x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3));
  const flat = counts === undefined || counts.zero === 0 ? '' : `, ${counts.zero} of ${size} flat (|λ| ≤ ${fmt(tau)})`;
  if (gradientNorm > tolerances.gradient) {
    return { ...base, kind: 'not-critical', reason: `gradient norm ${fmt(gradientNorm)} > tolerance ${fmt(tolerances.gradient)}` };
  }
  if (smallest < -tau && largest > tau) {
    return {
      ...base,
      kind: 'saddle-point',
      reason: `eigenvalues of both signs: ${fmt(smallest)} < 0 < ${fmt(largest)} (zero band ±${fmt(tau)})${flat}`,
    };
  }
  const significant = counts === undefined ? (smallest < -tau || largest > tau ? size : 0) : counts.positive + counts.negative;
  if (significant <= Math.floor(degenerateFraction * size)) {
    return {
      ...base,
      kind: 'degenerate',
      reason: `${size - significant} of ${size} eigenvalues within the zero band ±${fmt(tau)}: the second-order test cannot decide`,
    };
  }
  if (largest > tau) {
    return {
      ...base,
      kind: 'local-minimum',
      reason: smallest > tau ? `every eigenvalue ≥ ${fmt(smallest)} > ${fmt(tau)}` : `no eigenvalue below −${fmt(tau)} (smallest ${fmt(smallest)})${flat}`,
    };
  }
  return {
    ...base,
    kind: 'local-maximum',
    reason: largest < -tau ? `every eigenvalue ≤ ${fmt(largest)} < −${fmt(tau)}` : `no eigenvalue above ${fmt(tau)} (largest ${fmt(largest)})${flat}`,
  };
}
