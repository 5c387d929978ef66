/**
 * An independent float64 reference for the Hessian of `mlp:<k>:tanh` with mse on a dataset:
 * the forward pass and the gradient written out by hand in float64 (no tfjs), and the Hessian
 * by central differences of that exact gradient (error ~h² + ε₆₄/h ≈ 1e-10, far below float32).
 */
import type { SquareMatrix } from '../src/operator.js';

/** Rows x (d features each) and targets t of a regression dataset. */
export interface Float64Data {
  features: ArrayLike<number>;
  targets: ArrayLike<number>;
  /** Features per row. */
  d: number;
}

/**
 * The exact float64 gradient of L(θ) = (1/N) Σ (y(x) − t)² for y = W₂ᵀ tanh(W₁ᵀx + b₁) + b₂,
 * θ in the layout of @losslens/models: W₁ [d, k] row-major, b₁ [k], W₂ [k, 1], b₂ [1].
 * @example
 * const g = tanhMlpGradient(theta, data, 8);
 */
export function tanhMlpGradient(theta: ArrayLike<number>, data: Float64Data, hidden: number): Float64Array {
  const { d, features, targets } = data;
  const k = hidden;
  const n = targets.length;
  const w2 = d * k + k;
  const b2 = w2 + k;
  const grad = new Float64Array(b2 + 1);
  const h = new Float64Array(k);
  for (let row = 0; row < n; row++) {
    let y = theta[b2] as number;
    for (let j = 0; j < k; j++) {
      let z = theta[d * k + j] as number;
      for (let i = 0; i < d; i++) z += (features[row * d + i] as number) * (theta[i * k + j] as number);
      h[j] = Math.tanh(z);
      y += (h[j] as number) * (theta[w2 + j] as number);
    }
    const delta = (2 * (y - (targets[row] as number))) / n;
    grad[b2] = (grad[b2] as number) + delta;
    for (let j = 0; j < k; j++) {
      const hj = h[j] as number;
      grad[w2 + j] = (grad[w2 + j] as number) + delta * hj;
      const dz = delta * (theta[w2 + j] as number) * (1 - hj * hj);
      grad[d * k + j] = (grad[d * k + j] as number) + dz;
      for (let i = 0; i < d; i++) grad[i * k + j] = (grad[i * k + j] as number) + dz * (features[row * d + i] as number);
    }
  }
  return grad;
}

/**
 * The float64 Hessian of the same loss: central differences of {@link tanhMlpGradient}, symmetrized.
 * @example
 * const H = tanhMlpHessian(theta, data, 8); // H.data[i * H.size + j]
 */
export function tanhMlpHessian(theta: ArrayLike<number>, data: Float64Data, hidden: number, step = 1e-5): SquareMatrix {
  const p = theta.length;
  const raw = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[j] = (plus[j] as number) + step;
    minus[j] = (minus[j] as number) - step;
    const gp = tanhMlpGradient(plus, data, hidden);
    const gm = tanhMlpGradient(minus, data, hidden);
    for (let i = 0; i < p; i++) raw[j * p + i] = ((gp[i] as number) - (gm[i] as number)) / (2 * step);
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = 0.5 * ((raw[i * p + j] as number) + (raw[j * p + i] as number));
  return { size: p, data: out };
}
