import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer, ParameterBlock } from '@losslens/core';
import { blockwiseScale, guardedRatio, layerRanges } from './layer-wise.js';
import { numberOption, rejectUnknownOptions } from './options.js';
import { OptimizerState } from './state.js';

/** Options of {@link lamb}. */
export interface LambConfig {
  /** Decay of the first moment. Default 0.9. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999. */
  beta2?: number;
  /** Added to √v̂. Default 1e-6. */
  epsilon?: number;
  /** Decoupled weight decay λ inside the update. Default 0.01. */
  weightDecay?: number;
  /** The model's parameter blocks (one trust ratio per block); default: θ as a single block. */
  layout?: readonly ParameterBlock[];
}

/**
 * LAMB (You et al., arXiv 1904.00962, Algorithm 2 with bias correction and φ = identity), per block l:
 * `m ← β1·m + (1−β1)·g`; `v ← β2·v + (1−β2)·g²`; `r = m̂/(√v̂ + ε)`; `u = r + λ·w`;
 * `wˡ ← wˡ − lr·(‖wˡ‖/‖uˡ‖)·uˡ` (ratio 1 when either norm is 0).
 * @example
 * const opt = lamb({ layout: model.layout, weightDecay: 0.01 });
 */
export function lamb(config: LambConfig = {}): Optimizer {
  rejectUnknownOptions('lamb', config, ['beta1', 'beta2', 'epsilon', 'weightDecay', 'layout']);
  const beta1 = numberOption('lamb', 'beta1', config.beta1, 0.9, { min: 0, below: 1 });
  const beta2 = numberOption('lamb', 'beta2', config.beta2, 0.999, { min: 0, below: 1 });
  const epsilon = numberOption('lamb', 'epsilon', config.epsilon, 1e-6, { min: 0 });
  const weightDecay = numberOption('lamb', 'weightDecay', config.weightDecay, 0.01, { min: 0 });
  const state = new OptimizerState();
  let ranges: [number, number][] | undefined;
  let t = 0;
  return {
    name: 'lamb',
    step(theta, gradient, learningRate) {
      ranges ??= layerRanges('lamb', config.layout, theta.size);
      const layers = ranges;
      t += 1;
      return tf.tidy(() => {
        const m0 = state.get('m');
        const v0 = state.get('v');
        const m = m0 === undefined ? tf.mul(gradient, 1 - beta1) : tf.add(tf.mul(m0, beta1), tf.mul(gradient, 1 - beta1));
        const v = v0 === undefined ? tf.mul(tf.square(gradient), 1 - beta2) : tf.add(tf.mul(v0, beta2), tf.mul(tf.square(gradient), 1 - beta2));
        state.set('m', m);
        state.set('v', v);
        const r = tf.div(tf.div(m, 1 - beta1 ** t), tf.add(tf.sqrt(tf.div(v, 1 - beta2 ** t)), epsilon));
        const u = (weightDecay > 0 ? tf.add(r, tf.mul(theta, weightDecay)) : r) as tf.Tensor1D;
        const trust = blockwiseScale(theta, u, layers, (wn, un) => guardedRatio(wn, un, tf.div(wn, un) as tf.Scalar));
        return tf.sub(theta, tf.mul(tf.mul(trust, u), learningRate));
      });
    },
    dispose: () => state.dispose(),
  };
}
