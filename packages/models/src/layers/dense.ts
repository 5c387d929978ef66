import * as tf from '@tensorflow/tfjs-core';
import { activate, prefersHeInit } from '../activations.js';
import { isPositiveInteger, layerError, type BuildSource, type DenseConfig, type Layer } from './layer.js';

/**
 * A fully connected layer over the last axis: `act(x·W + b)`, W `[in, units]`. Inputs of
 * rank > 1 per sample are handled like tfjs-layers (the matrix product runs on the last axis).
 * @example
 * const layer = denseLayer({ type: 'dense', units: 8, activation: 'tanh' }, [4], 'dense_1', source);
 */
export function denseLayer(config: DenseConfig, inputShape: readonly number[], name: string, source: BuildSource): Layer {
  if (!isPositiveInteger(config.units)) layerError(source, name, `units must be a positive integer, got ${config.units}`);
  const inputs = inputShape[inputShape.length - 1];
  if (inputs === undefined) layerError(source, name, 'needs an input with at least one axis', 'E_SHAPE');
  const activation = config.activation ?? 'linear';
  const useBias = config.useBias ?? true;
  const initializer = config.initializer ?? (prefersHeInit(activation) ? 'he-normal' : 'glorot-uniform');
  const fans = { fanIn: inputs, fanOut: config.units };
  const outputShape = [...inputShape.slice(0, -1), config.units];
  const layer: Layer = {
    name,
    className: 'Dense',
    config: { ...config, name },
    inputShape,
    outputShape,
    parameters: [
      { name: 'kernel', shape: [inputs, config.units], initializer, fans },
      ...(useBias ? [{ name: 'bias', shape: [config.units], initializer: 'zeros' as const, fans }] : []),
    ],
    state: [],
    children: [],
    forward(x, context) {
      const kernel = context.parameter(layer, 'kernel') as tf.Tensor2D;
      const flat = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, inputs]);
      let z: tf.Tensor = tf.matMul(flat, kernel);
      if (useBias) z = tf.add(z, context.parameter(layer, 'bias'));
      if (x.rank !== 2) z = tf.reshape(z, [-1, ...outputShape]);
      return activate(activation, z);
    },
  };
  return layer;
}
