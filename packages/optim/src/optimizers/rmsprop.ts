import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '@losslens/core';
import { numberOption, rejectUnknownOptions } from './options.js';
import { OptimizerState } from './state.js';

/** Options of {@link rmsprop}. */
export interface RmspropConfig {
  /** Smoothing constant α of the squared-gradient average. Default 0.99. */
  alpha?: number;
  /** Added to the root in the denominator. Default 1e-8. */
  epsilon?: number;
  /** Momentum factor of the update buffer. Default 0. */
  momentum?: number;
  /** Divide by the centred second moment `v − ḡ²`. Default false. */
  centered?: boolean;
  /** L2 weight decay added to the gradient. Default 0. */
  weightDecay?: number;
}

/**
 * RMSProp (Hinton's lecture 6e), PyTorch semantics: `v ← α·v + (1−α)·g²`; `a = √v + ε`
 * (centred: `√(v − ḡ²) + ε` with `ḡ ← α·ḡ + (1−α)·g`); with momentum `b ← μ·b + g/a`,
 * `θ ← θ − lr·b`, else `θ ← θ − lr·g/a`.
 * @example
 * const opt = rmsprop({ alpha: 0.9 });
 */
export function rmsprop(config: RmspropConfig = {}): Optimizer {
  rejectUnknownOptions('rmsprop', config, ['alpha', 'epsilon', 'momentum', 'centered', 'weightDecay']);
  const alpha = numberOption('rmsprop', 'alpha', config.alpha, 0.99, { min: 0, below: 1 });
  const epsilon = numberOption('rmsprop', 'epsilon', config.epsilon, 1e-8, { min: 0 });
  const mu = numberOption('rmsprop', 'momentum', config.momentum, 0, { min: 0 });
  const weightDecay = numberOption('rmsprop', 'weightDecay', config.weightDecay, 0, { min: 0 });
  const centered = config.centered === true;
  const state = new OptimizerState();
  const average = (key: string, value: tf.Tensor): tf.Tensor => {
    const previous = state.get(key);
    const next = previous === undefined ? tf.mul(value, 1 - alpha) : tf.add(tf.mul(previous, alpha), tf.mul(value, 1 - alpha));
    state.set(key, next);
    return next;
  };
  return {
    name: 'rmsprop',
    step(theta, gradient, learningRate) {
      return tf.tidy(() => {
        const g = weightDecay > 0 ? tf.add(gradient, tf.mul(theta, weightDecay)) : gradient;
        const v = average('v', tf.square(g));
        const variance = centered ? tf.sub(v, tf.square(average('mean', g))) : v;
        const direction = tf.div(g, tf.add(tf.sqrt(variance), epsilon));
        if (mu === 0) return tf.sub(theta, tf.mul(direction, learningRate));
        const previous = state.get('buffer');
        const buffer = previous === undefined ? tf.clone(direction) : tf.add(tf.mul(previous, mu), direction);
        state.set('buffer', buffer);
        return tf.sub(theta, tf.mul(buffer, learningRate));
      });
    },
    dispose: () => state.dispose(),
  };
}
