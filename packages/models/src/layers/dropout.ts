import * as tf from '@tensorflow/tfjs-core';
import { createRng, hashSeed } from '@losslens/core';
import { layerError, sizeOf, type BuildSource, type DropoutConfig, type Layer } from './layer.js';

/**
 * Inverted dropout. In training mode each value is kept with probability 1 − rate and scaled
 * by 1/(1 − rate); the mask comes from a seeded stream (the apply seed mixed with the layer
 * name), so one seed gives one fixed function of θ — gradients and Hessian-vector products
 * at that seed are exact. In evaluation mode it is the identity (as tfjs-layers' predict).
 * @example
 * const layer = dropoutLayer({ type: 'dropout', rate: 0.5 }, [16], 'dropout_1', source);
 */
export function dropoutLayer(config: DropoutConfig, inputShape: readonly number[], name: string, source: BuildSource): Layer {
  const { rate } = config;
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) layerError(source, name, `dropout rate must be in [0, 1), got ${rate}`);
  return {
    name,
    className: 'Dropout',
    config: { ...config, name },
    inputShape,
    outputShape: inputShape,
    parameters: [],
    state: [],
    children: [],
    forward(x, context) {
      if (!context.training || rate === 0) return x;
      const rng = createRng(hashSeed(context.seed, name));
      const count = (x.shape[0] ?? 1) * sizeOf(inputShape);
      const keep = 1 - rate;
      const mask = new Float32Array(count);
      for (let i = 0; i < count; i++) mask[i] = rng.uniform() < keep ? 1 / keep : 0;
      return tf.mul(x, tf.tensor(mask, x.shape));
    },
  };
}
