import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '@losslens/core';
import { numberOption, rejectUnknownOptions } from './options.js';
import { OptimizerState } from './state.js';

/** Options of {@link adam} and {@link adamw}. */
export interface AdamConfig {
  /** Decay of the first moment. Default 0.9. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999. */
  beta2?: number;
  /** Added to √v̂ in the denominator. Default 1e-8. */
  epsilon?: number;
  /** `adam`: L2 added to the gradient (default 0). `adamw`: decoupled decay `θ ← θ(1 − lr·wd)` (default 0.01). */
  weightDecay?: number;
}

const KNOWN = ['beta1', 'beta2', 'epsilon', 'weightDecay'];

/**
 * Adam (Kingma & Ba, arXiv 1412.6980), PyTorch semantics: `g ← g + wd·θ`; `m ← β1·m + (1−β1)·g`;
 * `v ← β2·v + (1−β2)·g²`; `θ ← θ − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε)`.
 * @example
 * const opt = adam({ beta1: 0.9 });
 */
export function adam(config: AdamConfig = {}): Optimizer {
  return createAdam('adam', config, false);
}

/**
 * AdamW (Loshchilov & Hutter, arXiv 1711.05101), PyTorch semantics: decoupled weight decay
 * `θ ← θ·(1 − lr·wd)` (default wd 0.01), then the {@link adam} step without L2.
 * @example
 * const opt = adamw({ weightDecay: 0.05 });
 */
export function adamw(config: AdamConfig = {}): Optimizer {
  return createAdam('adamw', config, true);
}

function createAdam(name: string, config: AdamConfig, decoupled: boolean): Optimizer {
  rejectUnknownOptions(name, config, KNOWN);
  const beta1 = numberOption(name, 'beta1', config.beta1, 0.9, { min: 0, below: 1 });
  const beta2 = numberOption(name, 'beta2', config.beta2, 0.999, { min: 0, below: 1 });
  const epsilon = numberOption(name, 'epsilon', config.epsilon, 1e-8, { min: 0 });
  const weightDecay = numberOption(name, 'weightDecay', config.weightDecay, decoupled ? 0.01 : 0, { min: 0 });
  const state = new OptimizerState();
  let t = 0;
  return {
    name,
    step(theta, gradient, learningRate) {
      t += 1;
      return tf.tidy(() => {
        const base = decoupled && weightDecay > 0 ? tf.mul(theta, 1 - learningRate * weightDecay) : theta;
        const g = !decoupled && weightDecay > 0 ? tf.add(gradient, tf.mul(theta, weightDecay)) : gradient;
        const m0 = state.get('m');
        const v0 = state.get('v');
        const m = m0 === undefined ? tf.mul(g, 1 - beta1) : tf.add(tf.mul(m0, beta1), tf.mul(g, 1 - beta1));
        const v = v0 === undefined ? tf.mul(tf.square(g), 1 - beta2) : tf.add(tf.mul(v0, beta2), tf.mul(tf.square(g), 1 - beta2));
        state.set('m', m);
        state.set('v', v);
        const stepSize = learningRate / (1 - beta1 ** t);
        const denominator = tf.add(tf.sqrt(tf.div(v, 1 - beta2 ** t)), epsilon);
        return tf.sub(base, tf.mul(tf.div(m, denominator), stepSize));
      });
    },
    dispose: () => state.dispose(),
  };
}
