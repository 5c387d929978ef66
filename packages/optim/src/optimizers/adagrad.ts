import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '@losslens/core';
import { numberOption, rejectUnknownOptions } from './options.js';
import { OptimizerState } from './state.js';

/** Options of {@link adagrad}. */
export interface AdagradConfig {
  /** Learning-rate decay: step t uses `lr / (1 + (t − 1)·lrDecay)`. Default 0. */
  lrDecay?: number;
  /** Starting value of the squared-gradient sum. Default 0. */
  initialAccumulatorValue?: number;
  /** Added to the root in the denominator. Default 1e-10. */
  epsilon?: number;
  /** L2 weight decay added to the gradient. Default 0. */
  weightDecay?: number;
}

/**
 * Adagrad (Duchi et al. 2011), PyTorch semantics: `s ← s + g²`; `θ ← θ − lr_t·g/(√s + ε)`
 * with `lr_t = lr / (1 + (t − 1)·lrDecay)`.
 * @example
 * const opt = adagrad();
 */
export function adagrad(config: AdagradConfig = {}): Optimizer {
  rejectUnknownOptions('adagrad', config, ['lrDecay', 'initialAccumulatorValue', 'epsilon', 'weightDecay']);
  const lrDecay = numberOption('adagrad', 'lrDecay', config.lrDecay, 0, { min: 0 });
  const initial = numberOption('adagrad', 'initialAccumulatorValue', config.initialAccumulatorValue, 0, { min: 0 });
  const epsilon = numberOption('adagrad', 'epsilon', config.epsilon, 1e-10, { min: 0 });
  const weightDecay = numberOption('adagrad', 'weightDecay', config.weightDecay, 0, { min: 0 });
  const state = new OptimizerState();
  let t = 0;
  return {
    name: 'adagrad',
    step(theta, gradient, learningRate) {
      t += 1;
      return tf.tidy(() => {
        const g = weightDecay > 0 ? tf.add(gradient, tf.mul(theta, weightDecay)) : gradient;
        const previous = state.get('sum');
        const sum = tf.add(previous ?? tf.fill(g.shape, initial), tf.square(g));
        state.set('sum', sum);
        const rate = learningRate / (1 + (t - 1) * lrDecay);
        return tf.sub(theta, tf.mul(tf.div(g, tf.add(tf.sqrt(sum), epsilon)), rate));
      });
    },
    dispose: () => state.dispose(),
  };
}
