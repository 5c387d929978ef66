/**
 * Activation functions, each built from ops whose second derivatives are right once
 * losslens's gradients are registered (Tanh, Sigmoid, Elu, Softmax save their inputs;
 * Erf and Softplus save theirs already).
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Activations a model spec may name (hidden layers).
 * @example
 * hiddenActivations.includes('gelu'); // true
 */
export const hiddenActivations = ['relu', 'tanh', 'sigmoid', 'elu', 'gelu', 'softplus', 'linear'] as const;

/**
 * Every activation a layer may use; `softmax` only appears in imported tfjs-layers models.
 * @example
 * activationNames.includes('softmax'); // true
 */
export const activationNames = [...hiddenActivations, 'softmax'] as const;

/** The name of an activation function. */
export type ActivationName = (typeof activationNames)[number];

/**
 * True when `name` is a supported activation.
 * @example
 * isActivation('gelu'); // true
 */
export function isActivation(name: unknown): name is ActivationName {
  return typeof name === 'string' && (activationNames as readonly string[]).includes(name);
}

/**
 * Applies an activation element-wise (softmax over the last axis).
 * `gelu` is the exact form x·Φ(x) = ½x(1 + erf(x/√2)), as tfjs-layers' `gelu`; `elu` uses α = 1.
 * @example
 * const y = activate('tanh', x);
 */
export function activate(name: ActivationName, x: tf.Tensor): tf.Tensor {
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'elu':
      return tf.elu(x);
    case 'gelu':
      return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2)))));
    case 'softplus':
      return tf.softplus(x);
    case 'softmax':
      return tf.softmax(x, -1);
  }
}

/**
 * Whether He initialization suits the activation (the ReLU family); Glorot otherwise.
 * @example
 * prefersHeInit('relu'); // true
 */
export function prefersHeInit(name: ActivationName): boolean {
  return name === 'relu' || name === 'elu' || name === 'gelu' || name === 'softplus';
}
