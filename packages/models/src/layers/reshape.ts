import * as tf from '@tensorflow/tfjs-core';
import { layerError, sizeOf, type BuildSource, type FlattenConfig, type Layer, type ReshapeConfig } from './layer.js';

/**
 * Flattens each sample to one axis, in row-major (channels-last) order like tfjs-layers' `Flatten`.
 * @example
 * const layer = flattenLayer({ type: 'flatten' }, [4, 4, 3], 'flatten_1'); // output [48]
 */
export function flattenLayer(config: FlattenConfig, inputShape: readonly number[], name: string): Layer {
  const size = sizeOf(inputShape);
  return {
    name,
    className: 'Flatten',
    config: { ...config, name },
    inputShape,
    outputShape: [size],
    parameters: [],
    state: [],
    children: [],
    forward: (x) => (x.rank === 2 ? x : tf.reshape(x, [-1, size])),
  };
}

/**
 * Reshapes each sample to `targetShape` (same number of values).
 * @example
 * const layer = reshapeLayer({ type: 'reshape', targetShape: [28, 28, 1] }, [784], 'reshape_1', source);
 */
export function reshapeLayer(config: ReshapeConfig, inputShape: readonly number[], name: string, source: BuildSource): Layer {
  const target = [...config.targetShape];
  if (sizeOf(target) !== sizeOf(inputShape) || target.some((d) => !Number.isInteger(d) || d <= 0)) {
    layerError(source, name, `cannot reshape [${inputShape.join(', ')}] to [${target.join(', ')}]`, 'E_SHAPE');
  }
  return {
    name,
    className: 'Reshape',
    config: { ...config, name },
    inputShape,
    outputShape: target,
    parameters: [],
    state: [],
    children: [],
    forward: (x) => tf.reshape(x, [-1, ...target]),
  };
}
