/**
 * Central finite differences in float64 around a float32 function, the independent
 * reference every gradient and Hessian-vector product in losslens is checked against.
 * In float32 use ε ≈ 1e-3 and keep the ±ε points on one side of any ReLU kink.
 */

/** A scalar function of a flat parameter vector. */
export type ScalarFunction = (theta: Float32Array) => number;
/** A gradient function of a flat parameter vector. */
export type VectorFunction = (theta: Float32Array) => Float32Array | Float64Array | number[];

const shifted = (theta: ArrayLike<number>, direction: ArrayLike<number>, step: number): Float32Array =>
  Float32Array.from(theta, (t, i) => t + step * (direction[i] ?? 0));

/**
 * ∂f/∂θ_i ≈ (f(θ + εe_i) − f(θ − εe_i)) / 2ε for every i.
 * @example
 * const g = finiteDifferenceGradient((t) => t[0]! ** 2, Float32Array.of(3)); // ≈ [6]
 */
export function finiteDifferenceGradient(f: ScalarFunction, theta: ArrayLike<number>, epsilon = 1e-3): Float64Array {
  const out = new Float64Array(theta.length);
  const unit = new Float64Array(theta.length);
  for (let i = 0; i < theta.length; i++) {
    unit.fill(0);
    unit[i] = 1;
    out[i] = (f(shifted(theta, unit, epsilon)) - f(shifted(theta, unit, -epsilon))) / (2 * epsilon);
  }
  return out;
}

/**
 * H v ≈ (∇f(θ + εv) − ∇f(θ − εv)) / 2ε.
 * @example
 * const hv = finiteDifferenceHvp(grad, theta, v);
 */
export function finiteDifferenceHvp(
  gradient: VectorFunction,
  theta: ArrayLike<number>,
  direction: ArrayLike<number>,
  epsilon = 1e-3,
): Float64Array {
  const plus = gradient(shifted(theta, direction, epsilon));
  const minus = gradient(shifted(theta, direction, -epsilon));
  return Float64Array.from(plus, (p, i) => (p - (minus[i] ?? 0)) / (2 * epsilon));
}

/**
 * The dense Hessian by finite differences of the gradient, symmetrized: column j is
 * {@link finiteDifferenceHvp} along e_j. For small P only (2P gradient calls).
 * @example
 * const H = finiteDifferenceHessian(grad, theta); // H[i][j]
 */
export function finiteDifferenceHessian(gradient: VectorFunction, theta: ArrayLike<number>, epsilon = 1e-3): number[][] {
  const p = theta.length;
  const columns: Float64Array[] = [];
  const unit = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    unit.fill(0);
    unit[j] = 1;
    columns.push(finiteDifferenceHvp(gradient, theta, unit, epsilon));
  }
  return Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => 0.5 * ((columns[j]?.[i] ?? 0) + (columns[i]?.[j] ?? 0))),
  );
}

/** Largest |a_i − b_i| divided by max(1, max |b_i|): a scale-aware error for comparisons. */
export function relativeError(actual: ArrayLike<number>, reference: ArrayLike<number>): number {
  if (actual.length !== reference.length) {
    throw new Error(`length mismatch: ${actual.length} vs ${reference.length}`);
  }
  let worst = 0;
  let scale = 1;
  for (let i = 0; i < reference.length; i++) scale = Math.max(scale, Math.abs(reference[i] ?? 0));
  for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (reference[i] ?? 0)));
  return worst / scale;
}
