/**
 * Sharpness of a solution: the top Hessian eigenvalue, and Keskar et al.'s ε-sharpness
 * (arXiv 1609.04836, metric 2.1): the largest relative loss increase inside a box around θ.
 */
import { createRng, InputError } from '@losslens/core';
import type { Dataset, LossFunction, Model } from '@losslens/core';
import { datasetObjective } from './dataset-objective.js';
import { lanczos } from './lanczos.js';
import { assertLength, type ThetaObjective } from './objective.js';
import { hessianOperator } from './operator.js';

/** Options for {@link keskarSharpness}. */
export interface KeskarOptions {
  /** Box size ε (default 1e-3; Keskar et al. report 1e-3 and 5e-4). */
  epsilon?: number;
  /** Projected-ascent iterations, one loss-and-gradient evaluation each (default 20). */
  iterations?: number;
  /** Seed for the ascent direction when the gradient at θ is exactly zero (default 0). */
  seed?: number;
}

/** Keskar's ε-sharpness with the maximizer found. */
export interface KeskarSharpness {
  epsilon: number;
  /** φ = (max_{y∈C_ε} L(θ + y) − L(θ)) / (1 + L(θ)) × 100. */
  value: number;
  loss: number;
  /** The largest loss found in the box (a lower bound of the true maximum). */
  maxLoss: number;
  /** The perturbation y that reached it (|y_i| ≤ ε(|θ_i| + 1)). */
  perturbation: Float32Array;
  /** Loss-and-gradient evaluations spent. */
  evaluations: number;
}

/**
 * Keskar et al.'s metric 2.1 in the full space (A = I): C_ε = {y : |y_i| ≤ ε(|θ_i| + 1)},
 * φ = (max_{y∈C_ε} L(θ + y) − L(θ)) / (1 + L(θ)) × 100. The maximum is approached by projected
 * steepest ascent in the box's ℓ∞ geometry (steps along sign(∇L) scaled to the box, clipped to it,
 * halving the step when the loss does not rise), from y = 0; the paper used L-BFGS-B. The result
 * is a lower bound of the true maximum (exact for a loss that is convex or linear in the box
 * once ascent reaches the maximizing corner).
 * @example
 * keskarSharpness(objective, theta, { epsilon: 1e-3 }).value; // percent
 */
export function keskarSharpness(objective: ThetaObjective, theta: Float32Array, options: KeskarOptions = {}): KeskarSharpness {
  assertLength(objective, theta, 'theta');
  const epsilon = options.epsilon ?? 1e-3;
  const iterations = options.iterations ?? 20;
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new InputError('E_VALUE', `epsilon must be a positive number, got ${epsilon}`);
  if (!Number.isInteger(iterations) || iterations < 1) throw new InputError('E_VALUE', `iterations must be a positive integer, got ${iterations}`);
  const n = theta.length;
  const radius = Float64Array.from(theta, (t) => epsilon * (Math.abs(t) + 1));
  const at = (u: Float64Array) => Float32Array.from(theta, (t, i) => t + (radius[i] as number) * (u[i] as number));
  let u = new Float64Array(n);
  let current = objective.lossAndGradient(theta);
  const loss = current.loss;
  let evaluations = 1;
  let step = 2; // in box units: 2 crosses the whole box
  const rng = createRng(options.seed ?? 0).fork('keskar');
  while (evaluations < iterations + 1 && step > 1e-6) {
    let direction = Float64Array.from(current.gradient, (g) => Math.sign(g));
    if (direction.every((d) => d === 0)) direction = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1));
    const candidate = Float64Array.from(u, (x, i) => Math.min(1, Math.max(-1, x + step * (direction[i] as number))));
    const moved = candidate.some((x, i) => x !== u[i]);
    if (!moved) break; // at a corner that ascent cannot leave: a KKT point of the box problem
    const next = objective.lossAndGradient(at(candidate));
    evaluations++;
    if (next.loss > current.loss) {
      u = candidate;
      current = next;
    } else {
      step /= 2;
    }
  }
  const maxLoss = Math.max(current.loss, loss);
  return {
    epsilon,
    value: ((maxLoss - loss) / (1 + loss)) * 100,
    loss,
    maxLoss,
    perturbation: Float32Array.from(u, (x, i) => x * (radius[i] as number)),
    evaluations,
  };
}

/** The sharpness numbers the batch-size study reports. */
export interface Sharpness {
  /** The largest Hessian eigenvalue (Lanczos). */
  topEigenvalue: number;
  /** Keskar's ε-sharpness at the first ε (default 1e-3), percent. */
  keskar: number;
  /** Keskar's ε-sharpness at every ε asked for. */
  keskarByEpsilon: { epsilon: number; value: number }[];
}

/**
 * Top eigenvalue and Keskar ε-sharpness at ε ∈ `epsilons` (default [1e-3, 5e-4]).
 * @example
 * const { topEigenvalue, keskar } = sharpness(objective, theta);
 */
export function sharpness(
  objective: ThetaObjective,
  theta: Float32Array,
  options: { epsilons?: readonly number[]; iterations?: number; seed?: number } = {},
): Sharpness {
  const epsilons = options.epsilons ?? [1e-3, 5e-4];
  if (epsilons.length === 0) throw new InputError('E_VALUE', 'sharpness needs at least one epsilon');
  const top = lanczos(hessianOperator(objective, theta), { top: 1, bottom: 0, seed: options.seed ?? 0, residuals: 'estimate' });
  const keskarByEpsilon = epsilons.map((epsilon) => ({
    epsilon,
    value: keskarSharpness(objective, theta, { epsilon, ...(options.iterations === undefined ? {} : { iterations: options.iterations }) }).value,
  }));
  return { topEigenvalue: top.top[0]?.value ?? Number.NaN, keskar: keskarByEpsilon[0]?.value ?? Number.NaN, keskarByEpsilon };
}

/**
 * A `measureSharpness` callback for @losslens/optim's `batchStudy`: builds the training-set
 * objective of each trained θ and returns `{ topEigenvalue, keskar }`.
 * @example
 * await batchStudy({ ..., measureSharpness: sharpnessMeasure() });
 */
export function sharpnessMeasure(
  options: { loss?: LossFunction; epsilon?: number; iterations?: number; batchSize?: number | 'full' } = {},
): (model: Model, theta: Float32Array, train: Dataset) => { topEigenvalue: number; keskar: number } {
  return (model, theta, train) => {
    const objective = datasetObjective(model, train, options.loss, options.batchSize === undefined ? {} : { batchSize: options.batchSize });
    try {
      const result = sharpness(objective, theta, {
        epsilons: [options.epsilon ?? 1e-3],
        ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
      });
      return { topEigenvalue: result.topEigenvalue, keskar: result.keskar };
    } finally {
      objective.dispose();
    }
  };
}
