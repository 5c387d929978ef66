import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '@losslens/core';
import { numberOption, rejectUnknownOptions } from './options.js';

/** Options of {@link sgd}. */
export interface SgdConfig {
  /** L2 weight decay added to the gradient (`g + weightDecay·θ`, PyTorch semantics). Default 0. */
  weightDecay?: number;
}

/**
 * Plain stochastic gradient descent: `θ ← θ − lr·(g + weightDecay·θ)` (PyTorch `torch.optim.SGD`, no momentum).
 * @example
 * const opt = sgd();
 * const next = opt.step(theta, gradient, 0.1);
 */
export function sgd(config: SgdConfig = {}): Optimizer {
  rejectUnknownOptions('sgd', config, ['weightDecay']);
  const weightDecay = numberOption('sgd', 'weightDecay', config.weightDecay, 0, { min: 0 });
  return {
    name: 'sgd',
    step(theta, gradient, learningRate) {
      return tf.tidy(() => {
        const g = weightDecay > 0 ? tf.add(gradient, tf.mul(theta, weightDecay)) : gradient;
        return tf.sub(theta, tf.mul(g, learningRate));
      });
    },
    dispose() {},
  };
}
