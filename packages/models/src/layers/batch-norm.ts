import * as tf from '@tensorflow/tfjs-core';
import { layerError, type BatchNormConfig, type BuildSource, type Layer } from './layer.js';

/**
 * Batch normalization over the last axis: `γ·(x − μ)/√(σ² + ε) + β`, ε = 1e-3 by default (as
 * tfjs-layers). A model is a pure function of θ, so the moving statistics are not updated by
 * a forward pass: they are non-trainable state kept beside θ (`moving_mean`,
 * `moving_variance`). In training mode μ, σ² are the batch's (biased variance, as tfjs-layers);
 * in evaluation mode the stored statistics are used when the model holds them (imported
 * tfjs-layers weights, or {@link calibrateBatchNorm}), and the batch's otherwise.
 * @example
 * const layer = batchNormLayer({ type: 'batchNorm' }, [8], 'batch_normalization_1', source);
 */
export function batchNormLayer(config: BatchNormConfig, inputShape: readonly number[], name: string, source: BuildSource): Layer {
  const channels = inputShape[inputShape.length - 1];
  if (channels === undefined) layerError(source, name, 'needs an input with at least one axis', 'E_SHAPE');
  const axis = config.axis ?? -1;
  if (axis !== -1 && axis !== inputShape.length) {
    layerError(source, name, `only the last axis can be normalized (axis -1 or ${inputShape.length}), got axis ${axis}`);
  }
  const epsilon = config.epsilon ?? 1e-3;
  if (!(epsilon > 0)) layerError(source, name, `epsilon must be positive, got ${epsilon}`);
  const center = config.center ?? true;
  const scale = config.scale ?? true;
  const fans = { fanIn: channels, fanOut: channels };
  const layer: Layer = {
    name,
    className: 'BatchNormalization',
    config: { ...config, name, epsilon, center, scale, momentum: config.momentum ?? 0.99 },
    inputShape,
    outputShape: inputShape,
    parameters: [
      ...(scale ? [{ name: 'gamma', shape: [channels], initializer: 'ones' as const, fans }] : []),
      ...(center ? [{ name: 'beta', shape: [channels], initializer: 'zeros' as const, fans }] : []),
    ],
    state: [
      { name: 'moving_mean', shape: [channels], initial: 0 },
      { name: 'moving_variance', shape: [channels], initial: 1 },
    ],
    children: [],
    forward(x, context) {
      const storedMean = context.training ? undefined : context.state(layer, 'moving_mean');
      const storedVariance = context.training ? undefined : context.state(layer, 'moving_variance');
      let mean: tf.Tensor;
      let variance: tf.Tensor;
      if (storedMean !== undefined && storedVariance !== undefined) {
        mean = storedMean;
        variance = storedVariance;
      } else {
        ({ mean, variance } = batchStatistics(x));
        context.record?.(layer, 'moving_mean', mean);
        context.record?.(layer, 'moving_variance', variance);
      }
      let y = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, epsilon)));
      if (scale) y = tf.mul(y, context.parameter(layer, 'gamma'));
      if (center) y = tf.add(y, context.parameter(layer, 'beta'));
      return y;
    },
  };
  return layer;
}

/**
 * The batch statistics a batch-norm layer sees: mean and biased variance over all but the last axis.
 * @example
 * const { mean, variance } = batchStatistics(x); // shapes [channels]
 */
export function batchStatistics(x: tf.Tensor): { mean: tf.Tensor; variance: tf.Tensor } {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  return tf.moments(x, axes);
}
