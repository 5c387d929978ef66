/**
 * The objective every analysis in this package works on: a scalar loss of one flat
 * parameter vector θ with its gradient and exact Hessian-vector products (double backprop).
 */
import * as tf from '@tensorflow/tfjs-core';
import { InputError } from '@losslens/core';
import type { ParameterBlock } from '@losslens/core';
import { norm } from './vector.js';

/** A loss L(θ) as a function of the flat parameter tensor; returns a scalar tensor. */
export type ThetaLossFunction = (theta: tf.Tensor1D) => tf.Tensor;

/**
 * A twice-differentiable scalar objective of a flat parameter vector θ (float32).
 * Every method leaves no tensors behind.
 */
export interface ThetaObjective {
  /** P, the length of θ. */
  readonly parameterCount: number;
  /** Named blocks of θ (layers), when the objective comes from a model. */
  readonly layout?: readonly ParameterBlock[];
  /** L(θ). */
  loss(theta: Float32Array): number;
  /** ∇L(θ). */
  gradient(theta: Float32Array): Float32Array;
  /** L(θ) and ∇L(θ) in one pass. */
  lossAndGradient(theta: Float32Array): { loss: number; gradient: Float32Array };
  /** H(θ)·v, exact by double backprop: the gradient of ⟨∇L(θ), v⟩ with respect to θ. */
  hvp(theta: Float32Array, v: ArrayLike<number>): Float32Array;
  /**
   * H(θ)·v for several directions at once, equal to `directions.map((v) => hvp(θ, v))` within
   * float32 round-off; present when the objective can batch them (one pass for many products).
   */
  hvpMany?(theta: Float32Array, directions: readonly ArrayLike<number>[]): Float32Array[];
  /** Releases tensors the objective caches (e.g. a dataset's batches). Safe to call twice. */
  dispose(): void;
}

/**
 * Throws `E_SHAPE` unless `vector` has the objective's length.
 * @example
 * assertLength(objective, theta, 'theta');
 */
export function assertLength(objective: { parameterCount: number }, vector: ArrayLike<number>, what: string): void {
  if (vector.length !== objective.parameterCount) {
    throw new InputError(
      'E_SHAPE',
      `${what} has ${vector.length} entries but the objective has ${objective.parameterCount} parameters`,
    );
  }
}

const scalarOf = (t: tf.Tensor): number => {
  if (t.size !== 1) throw new InputError('E_SHAPE', `the loss must be a scalar, got shape [${t.shape.join(', ')}]`);
  return t.dataSync()[0] as number;
};

/**
 * The exact Hessian-vector product of a θ-loss by double backprop, as a tensor (caller disposes).
 * Relies on losslens's second-order-safe gradients (`initTensorflow`).
 * @example
 * const hv = hvpTensor((t) => tf.sum(tf.square(t)), theta, v); // = 2v
 */
export function hvpTensor(lossFunction: ThetaLossFunction, theta: tf.Tensor1D, v: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const gradient = tf.grad((t: tf.Tensor) => lossFunction(t as tf.Tensor1D));
    return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gradient(t), v)))(theta) as tf.Tensor1D;
  });
}

/**
 * Wraps a θ-loss closure as a {@link ThetaObjective}.
 * @param lossFunction builds the scalar loss from θ (only differentiable tfjs ops; no `tf.losses.*`).
 * @param parameterCount P, the length of θ.
 * @example
 * // The lecture's worked example: y = w1·w2·x with x = 1, target 1, squared error.
 * const objective = objectiveFromLoss((w) => tf.square(tf.sub(tf.mul(tf.slice(w, 0, 1), tf.slice(w, 1, 1)), 1)), 2);
 * objective.hvp(Float32Array.of(0, 0), [1, 0]); // [0, -2]
 */
export function objectiveFromLoss(
  lossFunction: ThetaLossFunction,
  parameterCount: number,
  layout?: readonly ParameterBlock[],
): ThetaObjective {
  if (!Number.isInteger(parameterCount) || parameterCount < 1) {
    throw new InputError('E_VALUE', `parameterCount must be a positive integer, got ${parameterCount}`);
  }
  const objective: ThetaObjective = {
    parameterCount,
    ...(layout === undefined ? {} : { layout }),
    loss(theta) {
      assertLength(objective, theta, 'theta');
      return tf.tidy(() => scalarOf(lossFunction(tf.tensor1d(theta))));
    },
    gradient(theta) {
      return objective.lossAndGradient(theta).gradient;
    },
    lossAndGradient(theta) {
      assertLength(objective, theta, 'theta');
      return tf.tidy(() => {
        const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => lossFunction(t as tf.Tensor1D))(tf.tensor1d(theta));
        return { loss: scalarOf(value), gradient: grad.dataSync() as Float32Array };
      });
    },
    hvp(theta, v) {
      assertLength(objective, theta, 'theta');
      assertLength(objective, v, 'the direction v');
      return tf.tidy(
        () => hvpTensor(lossFunction, tf.tensor1d(theta), tf.tensor1d(Float32Array.from(v))).dataSync() as Float32Array,
      );
    },
    dispose() {},
  };
  return objective;
}

/**
 * ‖∇L(θ)‖₂, the quantity that says whether θ is a critical point.
 * @example
 * gradientNorm(objective, Float32Array.of(0, 0)); // 0 at the lecture's saddle
 */
export function gradientNorm(objective: ThetaObjective, theta: Float32Array): number {
  return norm(objective.gradient(theta));
}
