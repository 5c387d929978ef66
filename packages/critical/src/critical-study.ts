/**
 * The lecture's experiment: train a small network many times (seeds) until the gradient norm is
 * small, then plot each run's (minimum ratio, training loss). The ratio rarely reaches 1: most
 * places where training stalls are saddle-like or flat, not strict local minima.
 */
import { InputError } from '@losslens/core';
import type { Dataset, EventChannel, Lens, LossFunction, Model } from '@losslens/core';
import { fit, type OptimizerName } from '@losslens/optim';
import { analyzeCriticalPoint } from './analyze.js';
import type { CriticalPointKind, SignCounts, TolerancePolicy } from './classify.js';
import { defaultTolerances } from './classify.js';
import { datasetObjective } from './dataset-objective.js';
import type { ThetaObjective } from './objective.js';
import { minres } from './minres.js';
import { spearman, type RankCorrelation } from './rank-correlation.js';
import { hessianOperator, type LinearOperator } from './operator.js';
import { axpy, dot, norm } from './vector.js';

/** How to drive the gradient norm down after training. */
export interface PolishOptions {
  /**
   * 'newton-mr' (default): Hessian-free Newton-MR (Roosta et al.; Liu & Roosta for nonconvex
   * losses). The step d minimizes ‖H d + ∇L‖ by MINRES on exact HVPs (H is never formed, and
   * may be indefinite or singular); a backtracking line search from α = 1 accepts α·d when it
   * lowers ‖∇L‖² (Armijo, slope 2⟨Hd, ∇L⟩) or, when d goes downhill, the loss (Armijo on L).
   * The second test lets it follow the long flat valleys small networks end in, where the
   * gradient still has a component along near-zero curvature that no ‖∇L‖²-decreasing step can
   * remove; the first lets it settle onto saddles and maxima too. θ is accumulated in float64.
   * 'levenberg-marquardt': Levenberg–Marquardt on the equations ∇L(θ) = 0, whose Jacobian is
   * H: the step solves (H² + μI)d = −H∇L by conjugate gradients over HVPs; it stalls where ∇L has
   * a component in H's (near-)null space.
   * 'gradient-norm': descent on ½‖∇L‖² along −H∇L (one HVP per step; conditioned like H²).
   * 'gradient-descent': full-batch gradient steps at `learningRate`. 'none': keep the trained θ.
   */
  method?: 'levenberg-marquardt' | 'newton-mr' | 'gradient-norm' | 'gradient-descent' | 'none';
  /** Most polish steps (default 200 for newton-mr, 30 for levenberg-marquardt, 200 otherwise). */
  steps?: number;
  /** Inner iterations (MINRES or CG, 1 or 2 HVPs each) per step (default min(P, 50)). */
  innerIterations?: number;
  /** Stop once ‖∇L‖ ≤ this (default: a tenth of the gradient tolerance). */
  target?: number;
  /** Learning rate of 'gradient-descent'. */
  learningRate?: number;
}

/** The result of a polish. */
export interface PolishResult {
  theta: Float32Array;
  gradientNormBefore: number;
  gradientNormAfter: number;
  steps: number;
}

/**
 * Drives ‖∇L(θ)‖ down from a trained θ (see {@link PolishOptions}) and returns the iterate with
 * the smallest ‖∇L‖. Reports the norm before and after honestly; float32 gradients floor around
 * 1e-6–1e-7 of the loss scale.
 * @example
 * const { theta, gradientNormAfter } = polishCriticalPoint(objective, trained, { steps: 100 });
 */
export function polishCriticalPoint(objective: ThetaObjective, theta: Float32Array, options: PolishOptions = {}): PolishResult {
  const method = options.method ?? 'newton-mr';
  const maxSteps = options.steps ?? (method === 'levenberg-marquardt' ? 30 : 200);
  const inner = options.innerIterations ?? Math.min(objective.parameterCount, 50);
  const target = options.target ?? defaultTolerances.gradient / 10;
  let current: Float32Array = Float32Array.from(theta);
  let gradient = objective.gradient(current);
  const gradientNormBefore = norm(gradient);
  let gradientNorm = gradientNormBefore;
  let steps = 0;
  /** Moves to `candidate` when `better(norm of its gradient)` holds; says whether it moved. */
  const tryStep = (candidate: Float32Array, better: (candidateNorm: number) => boolean): boolean => {
    const candidateGradient = objective.gradient(candidate);
    const candidateNorm = norm(candidateGradient);
    if (!better(candidateNorm)) return false;
    current = candidate;
    gradient = candidateGradient;
    gradientNorm = candidateNorm;
    return true;
  };
  if (method === 'levenberg-marquardt') {
    let mu = Number.NaN;
    while (steps < maxSteps && gradientNorm > target) {
      const operator = hessianOperator(objective, current);
      const hg = operator.apply(Float64Array.from(gradient));
      if (Number.isNaN(mu)) mu = 1e-2 * (norm(hg) / gradientNorm) ** 2; // scale of H² along ∇L
      if (!(mu > 0)) break; // H∇L = 0: no Gauss–Newton information left
      let accepted = false;
      for (let tries = 0; tries < 20 && !accepted; tries++) {
        const damping = mu;
        const normalMatrix = {
          size: operator.size,
          apply: (v: Float64Array) => {
            const hhv = operator.apply(operator.apply(v));
            for (let i = 0; i < hhv.length; i++) hhv[i] = (hhv[i] as number) + damping * (v[i] as number);
            return hhv;
          },
          applications: 0,
        };
        const direction = conjugateGradient(normalMatrix, Float64Array.from(hg, (x) => -x), inner);
        const candidate = Float32Array.from(current, (t, i) => t + (direction[i] as number));
        accepted = tryStep(candidate, (candidateNorm) => candidateNorm < gradientNorm);
        mu = accepted ? Math.max(mu / 3, 1e-30) : mu * 4;
      }
      if (!accepted) break; // float32 floor: no decrease can be measured any more
      steps++;
    }
  } else if (method === 'newton-mr') {
    // θ in float64: steps far below float32's resolution of θ still add up
    let point = Float64Array.from(current);
    let loss = objective.loss(current);
    let best = { theta: current, gradient, gradientNorm };
    while (steps < maxSteps && gradientNorm > target) {
      const operator = hessianOperator(objective, current);
      const { x: direction } = minres(operator, Float64Array.from(gradient, (g) => -g), { maxIterations: inner, tolerance: 1e-6 });
      const squaredNorm = gradientNorm ** 2;
      const normSlope = 2 * dot(operator.apply(direction), gradient); // d/dα ‖∇L(θ + αd)‖² at α = 0
      const lossSlope = dot(direction, gradient); // d/dα L(θ + αd) at α = 0
      let accepted = false;
      for (let rate = 1, tries = 0; tries < 40 && !accepted; tries++, rate /= 2) {
        const candidatePoint = Float64Array.from(point, (t, i) => t + rate * (direction[i] as number));
        const candidate = Float32Array.from(candidatePoint);
        const next = objective.lossAndGradient(candidate);
        const nextNorm = norm(next.gradient);
        const lowersNorm = nextNorm ** 2 <= squaredNorm + 1e-4 * rate * Math.min(normSlope, 0) && nextNorm < gradientNorm;
        const lowersLoss = lossSlope < 0 && next.loss <= loss + 1e-4 * rate * lossSlope && next.loss < loss;
        if (lowersNorm || lowersLoss) {
          point = candidatePoint;
          current = candidate;
          gradient = next.gradient;
          gradientNorm = nextNorm;
          loss = next.loss;
          accepted = true;
        }
      }
      if (!accepted) break; // float32 floor: no decrease can be measured any more
      steps++;
      if (gradientNorm < best.gradientNorm) best = { theta: current, gradient, gradientNorm };
    }
    // steps that lower the loss may raise ‖∇L‖ for a while: keep the iterate closest to critical
    ({ theta: current, gradient, gradientNorm } = best);
  } else if (method === 'gradient-norm') {
    let rate = 1;
    while (steps < maxSteps && gradientNorm > target) {
      const direction = objective.hvp(current, gradient); // ∇(½‖g‖²) = H g
      const slope = direction.reduce((s, d) => s + d * d, 0);
      if (!(slope > 0)) break;
      const phi = 0.5 * gradientNorm ** 2;
      let accepted = false;
      for (let tries = 0; tries < 40 && !accepted; tries++) {
        const candidate = Float32Array.from(current, (t, i) => t - rate * (direction[i] as number));
        accepted = tryStep(candidate, (candidateNorm) => 0.5 * candidateNorm ** 2 <= phi - 1e-4 * rate * slope); // Armijo
        if (!accepted) rate /= 2;
      }
      if (!accepted) break; // float32 floor: no decrease can be measured any more
      steps++;
      rate *= 2;
    }
  } else if (method === 'gradient-descent') {
    const rate = options.learningRate;
    if (rate === undefined || !(rate > 0)) throw new InputError('E_VALUE', 'polish by gradient descent needs a positive learningRate');
    while (steps < maxSteps && gradientNorm > target) {
      current = Float32Array.from(current, (t, i) => t - rate * (gradient[i] as number));
      gradient = objective.gradient(current);
      gradientNorm = norm(gradient);
      steps++;
    }
  }
  return { theta: current, gradientNormBefore, gradientNormAfter: gradientNorm, steps };
}

/** Conjugate gradients for a symmetric positive-definite operator, from x₀ = 0. */
function conjugateGradient(operator: LinearOperator, b: Float64Array, maxIterations: number): Float64Array {
  const x = new Float64Array(b.length);
  const r = Float64Array.from(b);
  const p = Float64Array.from(b);
  let rr = dot(r, r);
  const stop = 1e-20 * rr;
  for (let k = 0; k < maxIterations && rr > stop; k++) {
    const ap = operator.apply(p);
    const curvature = dot(p, ap);
    if (!(curvature > 0)) break;
    const alpha = rr / curvature;
    axpy(alpha, p, x);
    axpy(-alpha, ap, r);
    const next = dot(r, r);
    const beta = next / rr;
    rr = next;
    for (let i = 0; i < p.length; i++) p[i] = (r[i] as number) + beta * (p[i] as number);
  }
  return x;
}

/** Options for {@link criticalStudy}. */
export interface CriticalStudyOptions {
  /** The network; each run starts from `model.init(seed)`. */
  model: Model;
  train: Dataset;
  /** Default: the task's loss. */
  loss?: LossFunction;
  /** Number of runs (default 10), seeds 0 … runs − 1 unless `seeds` is given. */
  runs?: number;
  seeds?: readonly number[];
  /** Training before the polish (defaults: adam, learning rate 0.02, 1500 epochs, full batch: small nets, trained to a standstill). */
  /** Training settings; with `lens`, the optimizer may be a plugin's. */
  fit?: { optimizer?: OptimizerName | (string & {}); learningRate?: number; epochs?: number; batchSize?: number | 'full'; lens?: Lens };
  polish?: PolishOptions;
  tolerance?: TolerancePolicy;
  /** Runs with P above this get the SLQ ratio instead of the exact one (default 2000). */
  exactLimit?: number;
  events?: EventChannel;
}

/** One run of the study. */
export interface CriticalStudyPoint {
  seed: number;
  /** Training loss at the analyzed θ. */
  loss: number;
  minimumRatio: number;
  minimumRatioMethod: 'exact' | 'slq';
  /** ‖∇L‖ at the analyzed θ (after the polish). */
  gradientNorm: number;
  /** ‖∇L‖ right after training, before the polish. */
  gradientNormAfterFit: number;
  polishSteps: number;
  kind: CriticalPointKind;
  /** Whether ‖∇L‖ reached the gradient tolerance: only these runs enter the scatter and the summary. */
  critical: boolean;
  /** Eigenvalues positive, negative and zero (in the zero band). */
  counts: SignCounts;
  /** `counts.zero`: the flat directions. */
  flatDirections: number;
  /** The zero band used. */
  zeroTolerance: number;
  topEigenvalue: number;
  bottomEigenvalue: number;
}

/** What the study shows, from the runs that reached a critical point only. */
export interface CriticalStudySummary {
  runs: number;
  /** Runs with ‖∇L‖ ≤ the gradient tolerance. */
  critical: number;
  gradientTolerance: number;
  /** The largest minimum ratio among the critical runs (the lecture saw about 0.6); NaN when none. */
  largestRatio: number;
  smallestRatio: number;
  /** Spearman's ρ between minimum ratio and training loss over the critical runs, with its p-value. */
  correlation: RankCorrelation;
  /** Critical runs per kind. */
  kinds: Partial<Record<CriticalPointKind, number>>;
}

/** The study's points and its scatter plot. */
export interface CriticalStudyResult {
  model: string;
  parameters: number;
  points: CriticalStudyPoint[];
  summary: CriticalStudySummary;
  /** The analyzed θ of each run, in the order of `points`. */
  thetas: Float32Array[];
  /** A Vega-Lite spec of the scatter (minimum ratio vs training loss of the critical runs, colored by kind), a plain object. */
  spec: Record<string, unknown>;
}

/**
 * Runs the lecture's critical-point experiment: for each seed, trains `model` with
 * @losslens/optim's `fit`, polishes the gradient norm down (default: Hessian-free Newton-MR), and
 * computes the full Hessian spectrum there: minimum ratio (fraction of positive eigenvalues),
 * kind and training loss. Emits progress `task: 'critical-study'`.
 * @example
 * const model = createModel('mlp:4:tanh', { inputShape: [1], outputs: 1 });
 * const { points, spec } = await criticalStudy({ model, train: makeCurve({ n: 64 }), runs: 10 });
 */
export async function criticalStudy(options: CriticalStudyOptions): Promise<CriticalStudyResult> {
  const { model, train } = options;
  const seeds = options.seeds ?? Array.from({ length: options.runs ?? 10 }, (_, i) => i);
  if (seeds.length === 0) throw new InputError('E_VALUE', 'the critical study needs at least one run', { flag: '--runs' });
  const exactLimit = options.exactLimit ?? 2000;
  const gradientTolerance = options.tolerance?.gradient ?? defaultTolerances.gradient;
  const points: CriticalStudyPoint[] = [];
  const thetas: Float32Array[] = [];
  const objective = datasetObjective(model, train, options.loss, { batchSize: 'full' });
  try {
    for (const [index, seed] of seeds.entries()) {
      const trained = await fit({
        model,
        train,
        ...(options.loss === undefined ? {} : { loss: options.loss }),
        optimizer: options.fit?.optimizer ?? 'adam',
        ...(options.fit?.lens ? { lens: options.fit.lens } : {}),
        learningRate: options.fit?.learningRate ?? 0.02,
        epochs: options.fit?.epochs ?? 1500,
        batchSize: options.fit?.batchSize ?? 'full',
        seed,
        finalEvaluation: false,
      });
      const polished = polishCriticalPoint(objective, trained.theta, { target: gradientTolerance / 10, ...(options.polish ?? {}) });
      const report = analyzeCriticalPoint(objective, polished.theta, {
        full: model.parameterCount <= exactLimit,
        exactLimit,
        top: 1,
        bottom: 1,
        escape: false,
        seed,
        ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
      });
      thetas.push(polished.theta);
      points.push({
        seed,
        loss: report.loss,
        minimumRatio: report.minimumRatio,
        minimumRatioMethod: report.minimumRatioMethod,
        gradientNorm: report.gradientNorm,
        gradientNormAfterFit: polished.gradientNormBefore,
        polishSteps: polished.steps,
        kind: report.kind,
        critical: report.gradientNorm <= report.gradientTolerance,
        counts: report.counts,
        flatDirections: report.flatDirections,
        zeroTolerance: report.zeroTolerance,
        topEigenvalue: report.top[0] as number,
        bottomEigenvalue: report.bottom[0] as number,
      });
      options.events?.emit({
        type: 'progress',
        task: 'critical-study',
        done: index + 1,
        total: seeds.length,
        message: `seed ${seed}: ratio ${report.minimumRatio.toFixed(3)}, loss ${report.loss.toPrecision(3)}`,
      });
    }
  } finally {
    objective.dispose();
  }
  return {
    model: model.spec,
    parameters: model.parameterCount,
    points,
    summary: summarizeCriticalStudy(points, gradientTolerance),
    thetas,
    spec: criticalStudySpec(points, model.spec, gradientTolerance),
  };
}

/**
 * The study's summary from the runs that reached ‖∇L‖ ≤ `gradientTolerance`: how many did, their
 * ratio range, the kinds, and Spearman's ρ(minimum ratio, training loss) with its p-value (the
 * lecture's trend is negative: a larger ratio, a lower loss).
 * @example
 * const { critical, correlation } = summarizeCriticalStudy(points, 1e-3);
 */
export function summarizeCriticalStudy(points: readonly CriticalStudyPoint[], gradientTolerance = defaultTolerances.gradient): CriticalStudySummary {
  const reached = points.filter((p) => p.gradientNorm <= gradientTolerance);
  const ratios = reached.map((p) => p.minimumRatio);
  const kinds: Partial<Record<CriticalPointKind, number>> = {};
  for (const p of reached) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
  return {
    runs: points.length,
    critical: reached.length,
    gradientTolerance,
    largestRatio: ratios.length === 0 ? Number.NaN : Math.max(...ratios),
    smallestRatio: ratios.length === 0 ? Number.NaN : Math.min(...ratios),
    correlation: spearman(ratios, reached.map((p) => p.loss)),
    kinds,
  };
}

/**
 * The lecture's scatter as a Vega-Lite spec: minimum ratio (x, 0 to 1) against training loss (y),
 * one point per run that reached a critical point (‖∇L‖ ≤ `gradientTolerance`), colored by kind.
 * @example
 * const spec = criticalStudySpec(points, 'mlp:8:tanh');
 */
export function criticalStudySpec(
  allPoints: readonly CriticalStudyPoint[],
  title: string,
  gradientTolerance = defaultTolerances.gradient,
): Record<string, unknown> {
  const points = allPoints.filter((p) => p.gradientNorm <= gradientTolerance);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Minimum ratio vs training loss (${title}, ${points.length} of ${allPoints.length} runs at a critical point)`,
    width: 480,
    height: 320,
    data: {
      values: points.map((p) => ({ minimumRatio: p.minimumRatio, loss: p.loss, kind: p.kind, seed: p.seed, gradientNorm: p.gradientNorm })),
    },
    mark: { type: 'point', filled: true, size: 60 },
    encoding: {
      x: { field: 'minimumRatio', type: 'quantitative', title: 'minimum ratio (fraction of positive eigenvalues)', scale: { domain: [0, 1] } },
      y: { field: 'loss', type: 'quantitative', title: 'training loss', scale: { zero: false } },
      color: { field: 'kind', type: 'nominal', title: 'point' },
      tooltip: [
        { field: 'seed', type: 'quantitative' },
        { field: 'minimumRatio', type: 'quantitative', format: '.3f' },
        { field: 'loss', type: 'quantitative', format: '.4g' },
        { field: 'gradientNorm', type: 'quantitative', format: '.2e' },
      ],
    },
  };
}
