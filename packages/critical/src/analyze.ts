/**
 * The whole critical-point analysis of one θ, in the shape of the `losslens hessian` JSON:
 * loss, gradient norm, extreme eigenvalues, minimum ratio, kind, and the escape step.
 */
import { InputError } from '@losslens/core';
import type { EventChannel } from '@losslens/core';
import { blockSpectra, type BlockSpectrum } from './block-spectra.js';
import { classifyCriticalPoint, type CriticalPointKind, type SignCounts, type TolerancePolicy } from './classify.js';
import { escapeSaddle } from './escape.js';
import { fullHessian } from './full-hessian.js';
import { lanczos } from './lanczos.js';
import { minimumRatio, minimumRatioFromSlq } from './minimum-ratio.js';
import { assertLength, type ThetaObjective } from './objective.js';
import { denseOperator, hessianOperator } from './operator.js';
import { slqDensity, type SlqOptions } from './slq.js';
import { symmetricEigenvalues } from './symmetric-eigen.js';
import { norm } from './vector.js';

/** Options for {@link analyzeCriticalPoint}. */
export interface AnalyzeOptions {
  /** Compute the dense Hessian and every eigenvalue (P HVPs; P up to a few thousand). */
  full?: boolean;
  /** How many of the largest eigenvalues to report (default 3). */
  top?: number;
  /** How many of the smallest (most negative) eigenvalues to report (default 3). */
  bottom?: number;
  /**
   * Without `full`, models with P ≤ exactLimit still get the dense spectrum internally so the
   * minimum ratio is exact (default 500); above it the ratio comes from SLQ.
   */
  exactLimit?: number;
  tolerance?: TolerancePolicy;
  /** SLQ settings for the estimated minimum ratio (default 8 runs × 40 steps). */
  slq?: Omit<SlqOptions, 'events'>;
  /** Lanczos residual tolerance (default 1e-4 of max|λ|) and step limit. */
  lanczos?: { tolerance?: number; maxSteps?: number };
  /** Try the escape step at a saddle or maximum (default true). */
  escape?: boolean;
  /** Per-layer spectra from the objective's layout (default false). */
  layers?: boolean;
  seed?: number;
  events?: EventChannel;
}

/** The escape step, as in the CLI contract, plus the second-order prediction and the gradient comparison. */
export interface EscapeReport {
  eigenvalue: number;
  step: number;
  lossBefore: number;
  lossAfter: number;
  /** ½λη² + η·gᵀu at the chosen step. */
  predictedChange: number;
  gradientStep: { learningRate: number; lossAfter: number };
  gradientDescent: { steps: number; learningRate: number; lossAfter: number };
}

/** The `losslens hessian` JSON (DESIGN.md), with a few extra fields after the contract's. */
export interface HessianReport {
  parameters: number;
  loss: number;
  gradientNorm: number;
  /** Every eigenvalue, ascending (only with `full`). */
  eigenvalues?: number[];
  /** The largest eigenvalues, descending. */
  top: number[];
  /** The smallest eigenvalues, ascending (the first is the most negative). */
  bottom: number[];
  /** Fraction of positive eigenvalues. */
  minimumRatio: number;
  kind: CriticalPointKind;
  escape?: EscapeReport;
  /** 'full' (dense eigendecomposition) or 'lanczos'. */
  method: 'full' | 'lanczos';
  minimumRatioMethod: 'exact' | 'slq';
  /** 0 when exact. */
  minimumRatioStandardError: number;
  /** Eigenvalue counts by sign (estimated when the ratio is from SLQ): positive, negative, zero (flat). */
  counts: SignCounts;
  /** Eigenvalues in the zero band, `counts.zero`: the flat directions of a minimum (or of any kind). */
  flatDirections: number;
  zeroTolerance: number;
  gradientTolerance: number;
  /** Why this kind, in one sentence. */
  reason: string;
  /** ‖Hv − λv‖ of the reported top/bottom pairs (Lanczos; 0-padded from the dense solver). */
  residuals: { top: number[]; bottom: number[] };
  /** Whether Lanczos met its tolerance (always true for 'full'). */
  converged: boolean;
  /** Hessian-vector products spent. */
  hessianVectorProducts: number;
  /** Relative asymmetry of the raw dense Hessian (float32 round-off level), when one was built. */
  asymmetry?: number;
  layers?: BlockSpectrum[];
  /**
   * The SLQ eigenvalue density (Lanczos path only), on at most 80 evenly spaced points: the
   * number of eigenvalues per unit λ (it integrates to P), for drawing the bulk between the
   * extremes.
   */
  density?: { eigenvalue: number[]; count: number[] };
}

/**
 * The SLQ density on coarser bins of ⌈grid / points⌉ grid points (the last may hold fewer), each
 * its mean density, scaled to eigenvalues per unit λ.
 * @example
 * coarseDensity(slq.grid, slq.density, 13, 80); // { eigenvalue: [...80], count: [...80] }
 */
export function coarseDensity(grid: ArrayLike<number>, density: ArrayLike<number>, parameters: number, points = 80): { eigenvalue: number[]; count: number[] } {
  const group = Math.max(1, Math.ceil(grid.length / points));
  const eigenvalue: number[] = [];
  const count: number[] = [];
  for (let start = 0; start < grid.length; start += group) {
    const end = Math.min(grid.length, start + group);
    let sum = 0;
    let at = 0;
    for (let i = start; i < end; i++) {
      sum += density[i] as number;
      at += grid[i] as number;
    }
    eigenvalue.push(at / (end - start));
    count.push((parameters * sum) / (end - start));
  }
  return { eigenvalue, count };
}

const checkCount = (name: string, value: number) => {
  if (!Number.isInteger(value) || value < 1) throw new InputError('E_VALUE', `--${name} must be a positive integer, got ${value}`, { flag: `--${name}` });
};

/**
 * Analyzes θ: gradient norm; the dense spectrum (`full`, or automatically for small P) or
 * Lanczos top/bottom pairs; the minimum ratio (exact, or SLQ with a standard error); the
 * classification under the tolerance policy; and at a saddle (or maximum) the escape step along
 * the most negative eigenvector, compared with gradient steps.
 * @example
 * const report = analyzeCriticalPoint(objective, theta, { full: true });
 * report.kind; // 'saddle-point'
 */
export function analyzeCriticalPoint(objective: ThetaObjective, theta: Float32Array, options: AnalyzeOptions = {}): HessianReport {
  assertLength(objective, theta, 'theta');
  const p = objective.parameterCount;
  const topCount = options.top ?? 3;
  const bottomCount = options.bottom ?? 3;
  checkCount('top', topCount);
  checkCount('bottom', bottomCount);
  const seed = options.seed ?? 0;
  const events = options.events;
  const { loss, gradient } = objective.lossAndGradient(theta);
  const gradientNorm = norm(gradient);
  const dense = options.full === true || p <= (options.exactLimit ?? 500);
  let hvps = 0;
  let top: number[];
  let bottom: number[];
  let residuals: HessianReport['residuals'];
  let converged = true;
  let ratio;
  let eigenvalues: Float64Array | undefined;
  let asymmetry: number | undefined;
  let density: HessianReport['density'];
  let bottomVector: Float64Array | undefined;
  let hessian;

  if (dense) {
    events?.emit({ type: 'stage', name: 'hessian', state: 'start', message: `dense Hessian, ${p} HVPs` });
    hessian = fullHessian(objective, theta, events === undefined ? {} : { events });
    hvps += hessian.applications;
    asymmetry = hessian.asymmetry;
    eigenvalues = symmetricEigenvalues(hessian);
    top = Array.from(eigenvalues.slice(-Math.min(topCount, p))).reverse();
    bottom = Array.from(eigenvalues.slice(0, Math.min(bottomCount, p)));
    residuals = { top: top.map(() => 0), bottom: bottom.map(() => 0) };
    ratio = minimumRatio(eigenvalues, options.tolerance);
    events?.emit({ type: 'stage', name: 'hessian', state: 'end' });
  } else {
    events?.emit({ type: 'stage', name: 'lanczos', state: 'start' });
    const operator = hessianOperator(objective, theta);
    const result = lanczos(operator, {
      top: topCount,
      bottom: bottomCount,
      seed,
      ...(options.lanczos ?? {}),
      ...(events === undefined ? {} : { events }),
    });
    top = result.top.map((pair) => pair.value);
    bottom = result.bottom.map((pair) => pair.value);
    residuals = { top: result.top.map((pair) => pair.residual), bottom: result.bottom.map((pair) => pair.residual) };
    converged = result.converged;
    bottomVector = result.bottom[0]?.vector;
    events?.emit({ type: 'stage', name: 'lanczos', state: 'end' });
    events?.emit({ type: 'stage', name: 'slq', state: 'start' });
    const slq = slqDensity(operator, {
      runs: 8,
      steps: 40,
      seed,
      ...(options.slq ?? {}),
      ...(events === undefined ? {} : { events }),
    });
    ratio = minimumRatioFromSlq(slq, options.tolerance);
    density = coarseDensity(slq.grid, slq.density, p);
    hvps += operator.applications;
    events?.emit({ type: 'stage', name: 'slq', state: 'end' });
  }

  const smallest = bottom[0] as number;
  const largest = top[0] as number;
  const verdict = classifyCriticalPoint({ gradientNorm, smallest, largest, size: p, counts: ratio.counts }, options.tolerance);
  // The ratio's zero band and the classification's must agree; both use max|λ| of what was computed.
  const report: HessianReport = {
    parameters: p,
    loss,
    gradientNorm,
    ...(options.full === true && eigenvalues !== undefined ? { eigenvalues: Array.from(eigenvalues) } : {}),
    top,
    bottom,
    minimumRatio: ratio.value,
    kind: verdict.kind,
    method: dense ? 'full' : 'lanczos',
    minimumRatioMethod: ratio.method,
    minimumRatioStandardError: ratio.standardError,
    counts: ratio.counts,
    flatDirections: ratio.counts.zero,
    zeroTolerance: verdict.zeroTolerance,
    gradientTolerance: verdict.gradientTolerance,
    reason: verdict.reason,
    residuals,
    converged,
    hessianVectorProducts: hvps,
    ...(asymmetry === undefined ? {} : { asymmetry }),
    ...(density === undefined ? {} : { density }),
  };

  if ((options.escape ?? true) && (verdict.kind === 'saddle-point' || verdict.kind === 'local-maximum')) {
    if (bottomVector === undefined && hessian !== undefined) {
      // The most negative eigenvector of the dense matrix: Lanczos on it is cheap (no HVPs).
      const denseResult = lanczos(denseOperator(hessian), { top: 0, bottom: 1, tolerance: 1e-10, maxSteps: p, seed });
      bottomVector = denseResult.bottom[0]?.vector;
    }
    if (bottomVector !== undefined) {
      events?.emit({ type: 'stage', name: 'escape', state: 'start' });
      const escape = escapeSaddle(objective, theta, { value: smallest, vector: bottomVector }, { largestEigenvalue: largest });
      report.escape = {
        eigenvalue: escape.eigenvalue,
        step: escape.step,
        lossBefore: escape.lossBefore,
        lossAfter: escape.lossAfter,
        predictedChange: escape.predictedChange,
        gradientStep: escape.gradientStep,
        gradientDescent: escape.gradientDescent,
      };
      events?.emit({ type: 'stage', name: 'escape', state: 'end' });
    }
  }

  if (options.layers === true) {
    report.layers = blockSpectra(objective, theta, objective.layout, {
      ...(hessian === undefined ? {} : { hessian }),
      ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
      seed,
    });
    hvps += report.layers.reduce((s, b) => s + b.applications, 0);
    report.hessianVectorProducts = hvps;
  }
  return report;
}
