import * as tf from '@tensorflow/tfjs-core';
import { finiteDifferenceGradient, finiteDifferenceHvp, relativeError } from './finite-differences.js';

/** A loss as a function of one flat parameter tensor θ; returns a scalar tensor. */
export type ThetaLoss = (theta: tf.Tensor1D) => tf.Tensor;

/** The result of a derivative check. */
export interface DerivativeCheck {
  exact: Float64Array;
  reference: Float64Array;
  /** max |exact − reference| / max(1, max |reference|). */
  error: number;
}

const asFunction = (loss: ThetaLoss) => (theta: Float32Array) =>
  tf.tidy(() => loss(tf.tensor1d(theta)).dataSync()[0] ?? Number.NaN);

const gradientOf = (loss: ThetaLoss) => (theta: Float32Array) =>
  tf.tidy(() => tf.grad((t: tf.Tensor) => loss(t as tf.Tensor1D))(tf.tensor1d(theta)).dataSync() as Float32Array);

/**
 * Compares tfjs's gradient of `loss` with central finite differences. Leaves no tensors.
 * @example
 * expect(checkGradient((t) => tf.sum(tf.square(t)), Float32Array.of(1, 2)).error).toBeLessThan(1e-3);
 */
export function checkGradient(loss: ThetaLoss, theta: ArrayLike<number>, epsilon = 1e-3): DerivativeCheck {
  const point = Float32Array.from(theta);
  const exact = Float64Array.from(gradientOf(loss)(point));
  const reference = finiteDifferenceGradient(asFunction(loss), point, epsilon);
  return { exact, reference, error: relativeError(exact, reference) };
}

/**
 * Compares the Hessian-vector product by double backprop with central finite differences
 * of the gradient. Leaves no tensors.
 * @example
 * const { error } = checkHvp(loss, theta, v); // error < 1e-3 when second derivatives are right
 */
export function checkHvp(
  loss: ThetaLoss,
  theta: ArrayLike<number>,
  direction: ArrayLike<number>,
  epsilon = 1e-3,
): DerivativeCheck {
  const point = Float32Array.from(theta);
  const hv = tf.tidy(() => {
    const v = tf.tensor1d(Float32Array.from(direction));
    const g = tf.grad((t: tf.Tensor) => loss(t as tf.Tensor1D));
    return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(g(t), v)))(tf.tensor1d(point)).dataSync() as Float32Array;
  });
  const exact = Float64Array.from(hv);
  const reference = finiteDifferenceHvp(gradientOf(loss), point, direction, epsilon);
  return { exact, reference, error: relativeError(exact, reference) };
}
