/**
 * The finite-difference cross-check of the exact Hessian-vector product, so a user can
 * confirm on their own model that double backprop is right (it is silently wrong in stock
 * tfjs for tanh/sigmoid/softmax networks; losslens re-registers those gradients).
 */
import { assertLength, type ThetaObjective } from './objective.js';
import { norm } from './vector.js';

/**
 * H·v ≈ (∇L(θ + εv̂) − ∇L(θ − εv̂)) / 2ε · ‖v‖ with v̂ = v/‖v‖, computed in float64 from two
 * float32 gradients. Default ε = 1e-3 (float32 wants ε ≈ 1e-3); keep θ ± εv̂ on one side of
 * any ReLU kink.
 * @example
 * const approx = finiteDifferenceHvp(objective, theta, v);
 */
export function finiteDifferenceHvp(
  objective: ThetaObjective,
  theta: Float32Array,
  v: ArrayLike<number>,
  epsilon = 1e-3,
): Float64Array {
  assertLength(objective, theta, 'theta');
  assertLength(objective, v, 'the direction v');
  const length = norm(v);
  if (length === 0) return new Float64Array(v.length);
  const shifted = (sign: number) => Float32Array.from(theta, (t, i) => t + (sign * epsilon * (v[i] as number)) / length);
  const plus = objective.gradient(shifted(1));
  const minus = objective.gradient(shifted(-1));
  return Float64Array.from(plus, (p, i) => ((p - (minus[i] as number)) / (2 * epsilon)) * length);
}

/** The result of {@link hvpCrossCheck}. */
export interface HvpCrossCheck {
  exact: Float32Array;
  finiteDifference: Float64Array;
  /** max |exact − finiteDifference| / max(1e-12, max |finiteDifference|). */
  relativeError: number;
}

/**
 * Compares the exact HVP with the finite-difference one along `v`.
 * @example
 * const { relativeError } = hvpCrossCheck(objective, theta, v); // ~1e-4 in float32 when right
 */
export function hvpCrossCheck(
  objective: ThetaObjective,
  theta: Float32Array,
  v: ArrayLike<number>,
  epsilon = 1e-3,
): HvpCrossCheck {
  const exact = objective.hvp(theta, v);
  const finiteDifference = finiteDifferenceHvp(objective, theta, v, epsilon);
  let worst = 0;
  let scale = 1e-12;
  for (let i = 0; i < exact.length; i++) {
    worst = Math.max(worst, Math.abs((exact[i] as number) - (finiteDifference[i] as number)));
    scale = Math.max(scale, Math.abs(finiteDifference[i] as number));
  }
  return { exact, finiteDifference, relativeError: worst / scale };
}
