/**
 * L2-regularized logistic regression fit by Newton's method, in plain float64 (small problems:
 * the domain classifier of the shift tests).
 */

/** A fitted logistic regression: P(y = 1 | x) = σ(w·x + b). */
export interface LogisticModel {
  readonly weights: Float64Array;
  readonly bias: number;
  /** Newton iterations used. */
  readonly iterations: number;
}

/** Options for {@link fitLogistic}. */
export interface LogisticOptions {
  /** L2 penalty λ on the weights (not the bias), added to the mean log-loss as λ/2‖w‖² (default 0.01). */
  l2?: number;
  maxIterations?: number;
  /** Stop when the largest Newton step is below this (default 1e-8). */
  tolerance?: number;
}

/**
 * Fits the rows `rows` of the row-major `x` (`d` columns) to the 0/1 `labels`.
 * @example
 * const model = fitLogistic(x, labels, [0, 1, 2, 3], 2);
 */
export function fitLogistic(
  x: Float64Array,
  labels: ArrayLike<number>,
  rows: readonly number[],
  d: number,
  options: LogisticOptions = {},
): LogisticModel {
  const l2 = options.l2 ?? 0.01;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const p = d + 1; // last parameter = bias
  const theta = new Float64Array(p);
  const n = rows.length;
  const gradient = new Float64Array(p);
  const hessian = new Float64Array(p * p);
  const features = new Float64Array(p);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    gradient.fill(0);
    hessian.fill(0);
    for (const i of rows) {
      let z = theta[d] as number;
      for (let c = 0; c < d; c++) {
        const v = x[i * d + c] as number;
        features[c] = v;
        z += (theta[c] as number) * v;
      }
      features[d] = 1;
      const prob = sigmoid(z);
      const residual = prob - (labels[i] as number);
      const weight = Math.max(prob * (1 - prob), 1e-12);
      for (let r = 0; r < p; r++) {
        const fr = features[r] as number;
        gradient[r] = (gradient[r] as number) + residual * fr;
        const wr = weight * fr;
        for (let c = r; c < p; c++) hessian[r * p + c] = (hessian[r * p + c] as number) + wr * (features[c] as number);
      }
    }
    for (let r = 0; r < p; r++) {
      gradient[r] = (gradient[r] as number) / n + (r < d ? l2 * (theta[r] as number) : 0);
      for (let c = r; c < p; c++) {
        const value = (hessian[r * p + c] as number) / n + (r === c ? (r < d ? l2 : 1e-10) : 0);
        hessian[r * p + c] = value;
        hessian[c * p + r] = value;
      }
    }
    const step = choleskySolve(hessian, gradient, p);
    let largest = 0;
    for (let r = 0; r < p; r++) {
      theta[r] = (theta[r] as number) - (step[r] as number);
      largest = Math.max(largest, Math.abs(step[r] as number));
    }
    if (largest < tolerance) {
      iterations++;
      break;
    }
  }
  return { weights: theta.slice(0, d), bias: theta[d] as number, iterations };
}

/** The logit w·x + b of row `i`. */
export function logisticLogit(model: LogisticModel, x: Float64Array, i: number): number {
  const d = model.weights.length;
  let z = model.bias;
  for (let c = 0; c < d; c++) z += (model.weights[c] as number) * (x[i * d + c] as number);
  return z;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Solves A s = b for symmetric positive definite A (p × p) by Cholesky. */
function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let r = 0; r < p; r++) {
    for (let c = 0; c <= r; c++) {
      let s = a[r * p + c] as number;
      for (let k = 0; k < c; k++) s -= (l[r * p + k] as number) * (l[c * p + k] as number);
      if (r === c) l[r * p + r] = Math.sqrt(Math.max(s, 1e-300));
      else l[r * p + c] = s / (l[c * p + c] as number);
    }
  }
  const y = new Float64Array(p);
  for (let r = 0; r < p; r++) {
    let s = b[r] as number;
    for (let k = 0; k < r; k++) s -= (l[r * p + k] as number) * (y[k] as number);
    y[r] = s / (l[r * p + r] as number);
  }
  const out = new Float64Array(p);
  for (let r = p - 1; r >= 0; r--) {
    let s = y[r] as number;
    for (let k = r + 1; k < p; k++) s -= (l[k * p + r] as number) * (out[k] as number);
    out[r] = s / (l[r * p + r] as number);
  }
  return out;
}
