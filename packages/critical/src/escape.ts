/**
 * Escaping a saddle as the lecture shows: step along an eigenvector u of a negative eigenvalue
 * λ; to second order the loss changes by η·gᵀu + ½λη² (the gradient term vanishes at a
 * critical point), and is compared with plain gradient steps from the same point.
 */
import { InputError } from '@losslens/core';
import { assertLength, type ThetaObjective } from './objective.js';
import { dot, norm } from './vector.js';

/** Options for {@link escapeSaddle}. */
export interface EscapeOptions {
  /**
   * Step sizes tried, on both signs: base·2^(−k/2) for k = 0 … candidates − 1, with
   * base = 2·√(2·max(L, 1e-6)/|λ|) (twice the step the quadratic model needs to remove the
   * whole loss). Default 30.
   */
  candidates?: number;
  /** Gradient-descent steps in the comparison (default 10). */
  gradientSteps?: number;
  /** Learning rate of that comparison (default 1/λ_max when `largestEigenvalue` is given, else line-searched). */
  learningRate?: number;
  /** λ_max, for the default gradient-descent learning rate 1/λ_max. */
  largestEigenvalue?: number;
}

/** One evaluated step along the eigenvector. */
export interface EscapeCandidate {
  /** Signed step length η (‖Δθ‖ = |η|; u is a unit vector). */
  step: number;
  loss: number;
  /** L(θ) + η·gᵀu + ½λη², the second-order prediction. */
  predicted: number;
}

/** The escape step and the gradient comparison. */
export interface EscapeResult {
  eigenvalue: number;
  /** The best signed step η along the unit eigenvector. */
  step: number;
  lossBefore: number;
  lossAfter: number;
  /** Predicted loss change η·gᵀu + ½λη² at the chosen step (≈ ½λη² at a critical point). */
  predictedChange: number;
  /** The escaped point θ + ηu. */
  theta: Float32Array;
  /** Every step tried, ascending by step. */
  candidates: EscapeCandidate[];
  /** The best single gradient step −α∇L from θ over the same step-size grid. */
  gradientStep: { learningRate: number; lossAfter: number };
  /** Several plain gradient-descent steps from θ at a fixed learning rate. */
  gradientDescent: { steps: number; learningRate: number; lossAfter: number };
}

const along = (theta: Float32Array, direction: ArrayLike<number>, step: number): Float32Array =>
  Float32Array.from(theta, (t, i) => t + step * (direction[i] as number));

/**
 * Line-searches θ + ηu over a grid of step sizes on both signs and keeps the lowest loss.
 * `direction` is normalized here. Also reports the best single gradient step and a short run of
 * gradient descent from the same θ: at an exact saddle the gradient is zero and they do not
 * move, while the eigenvector step lowers the loss by about ½|λ|η².
 * @example
 * const { lossBefore, lossAfter } = escapeSaddle(objective, theta, { value: -2, vector: [1, 1] });
 */
export function escapeSaddle(
  objective: ThetaObjective,
  theta: Float32Array,
  eigenpair: { value: number; vector: ArrayLike<number> },
  options: EscapeOptions = {},
): EscapeResult {
  assertLength(objective, theta, 'theta');
  assertLength(objective, eigenpair.vector, 'the eigenvector');
  const lambda = eigenpair.value;
  if (!(lambda < 0)) throw new InputError('E_VALUE', `escape needs a negative eigenvalue, got ${lambda}`);
  const length = norm(eigenpair.vector);
  if (!(length > 0)) throw new InputError('E_VALUE', 'the eigenvector is zero');
  const u = Float64Array.from(eigenpair.vector, (x) => x / length);
  const { loss: lossBefore, gradient } = objective.lossAndGradient(theta);
  const slope = dot(gradient, u);
  const count = options.candidates ?? 30;
  if (!Number.isInteger(count) || count < 1) throw new InputError('E_VALUE', `candidates must be a positive integer, got ${count}`);
  const base = 2 * Math.sqrt((2 * Math.max(Math.abs(lossBefore), 1e-6)) / Math.abs(lambda));
  const sizes = Array.from({ length: count }, (_, k) => base * 2 ** (-k / 2));

  const candidates: EscapeCandidate[] = [];
  for (const size of sizes) {
    for (const sign of [1, -1]) {
      const step = sign * size;
      candidates.push({
        step,
        loss: objective.loss(along(theta, u, step)),
        predicted: lossBefore + step * slope + 0.5 * lambda * step * step,
      });
    }
  }
  candidates.sort((a, b) => a.step - b.step);
  const best = candidates.reduce((a, b) => (b.loss < a.loss ? b : a));

  // Gradient comparison from the same point.
  const gradientNorm = norm(gradient);
  let gradientStep = { learningRate: 0, lossAfter: lossBefore };
  if (gradientNorm > 0) {
    for (const size of sizes) {
      const rate = size / gradientNorm; // same displacement lengths as the eigenvector steps
      const lossAfter = objective.loss(along(theta, gradient, -rate));
      if (lossAfter < gradientStep.lossAfter) gradientStep = { learningRate: rate, lossAfter };
    }
  }
  const steps = options.gradientSteps ?? 10;
  const rate =
    options.learningRate ??
    (options.largestEigenvalue !== undefined && options.largestEigenvalue > 0 ? 1 / options.largestEigenvalue : gradientStep.learningRate);
  let current: Float32Array = Float32Array.from(theta);
  for (let s = 0; s < steps && rate > 0; s++) current = along(current, objective.gradient(current), -rate);
  const gradientDescent = { steps, learningRate: rate, lossAfter: steps > 0 && rate > 0 ? objective.loss(current) : lossBefore };

  return {
    eigenvalue: lambda,
    step: best.step,
    lossBefore,
    lossAfter: best.loss,
    predictedChange: best.predicted - lossBefore,
    theta: along(theta, u, best.step),
    candidates,
    gradientStep,
    gradientDescent,
  };
}
