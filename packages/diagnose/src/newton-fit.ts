/**
 * A full-batch damped Newton fit for small models: how low your model's training loss can go
 * when the optimizer is not the limit (the "under-trained, not too simple" check).
 */
import { fullHessian, type ThetaObjective } from '@losslens/critical';

/** What {@link newtonFit} reached. */
export interface NewtonFit {
  theta: Float32Array;
  loss: number;
  gradientNorm: number;
  iterations: number;
}

/** Solves (A + λI) x = b for a symmetric A by Cholesky; undefined when A + λI is not positive definite. */
export function solveDamped(a: Float64Array, n: number, lambda: number, b: ArrayLike<number>): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]! + (i === j ? lambda : 0);
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/**
 * Damped Newton with a backtracking (Armijo) line search on the full objective, from `theta`:
 * each step solves (H + λI) d = −g with the dense Hessian, halves the step until the loss falls
 * enough, and raises λ tenfold when it cannot (or H + λI is indefinite), lowers it after a success.
 * @example
 * const fit = newtonFit(datasetObjective(model, train), theta, 30); fit.loss; // ≈ 0 on separable data
 */
export function newtonFit(objective: ThetaObjective, theta: Float32Array, iterations = 30): NewtonFit {
  const n = objective.parameterCount;
  let current = Float32Array.from(theta);
  let { loss, gradient } = objective.lossAndGradient(current);
  let lambda = 1e-4;
  let done = 0;
  const norm = (g: Float32Array) => Math.sqrt(g.reduce((a, v) => a + v * v, 0));
  for (; done < iterations && norm(gradient) > 1e-7 && Number.isFinite(loss); done++) {
    const h = fullHessian(objective, current).data;
    let moved = false;
    for (let tries = 0; tries < 8 && !moved; tries++) {
      const d = solveDamped(h, n, lambda, Array.from(gradient, (v) => -v));
      if (d === undefined) {
        lambda *= 10;
        continue;
      }
      const slope = d.reduce((a, v, i) => a + v * gradient[i]!, 0);
      for (let step = 1; step > 1e-6; step /= 2) {
        const next = Float32Array.from(current, (v, i) => v + step * d[i]!);
        const trial = objective.loss(next);
        if (Number.isFinite(trial) && trial <= loss + 1e-4 * step * slope) {
          current = next;
          moved = true;
          break;
        }
      }
      lambda = moved ? Math.max(lambda / 3, 1e-8) : lambda * 10;
    }
    if (!moved) break;
    ({ loss, gradient } = objective.lossAndGradient(current));
  }
  return { theta: current, loss, gradientNorm: norm(gradient), iterations: done };
}
