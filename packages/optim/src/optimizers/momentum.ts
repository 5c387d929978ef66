import * as tf from '@tensorflow/tfjs-core';
import { InputError, type Optimizer } from '@losslens/core';
import { numberOption, rejectUnknownOptions } from './options.js';
import { OptimizerState } from './state.js';

/** Options of {@link momentum} and {@link nesterov}. */
export interface MomentumConfig {
  /** Momentum factor μ. Default 0.9. */
  momentum?: number;
  /** Dampening d of the gradient added to the buffer. Default 0 (must be 0 with Nesterov). */
  dampening?: number;
  /** L2 weight decay added to the gradient. Default 0. */
  weightDecay?: number;
  /** Nesterov momentum. Default false for `momentum`, true for `nesterov`. */
  nesterov?: boolean;
}

const KNOWN = ['momentum', 'dampening', 'weightDecay', 'nesterov'];

/**
 * SGD with heavy-ball momentum, PyTorch semantics: `g ← g + wd·θ`; `b ← g` on the first
 * step, else `b ← μ·b + (1 − d)·g`; with Nesterov `g ← g + μ·b`, else `g ← b`; `θ ← θ − lr·g`.
 * @example
 * const opt = momentum({ momentum: 0.9 });
 */
export function momentum(config: MomentumConfig = {}): Optimizer {
  return createMomentum('momentum', config, config.nesterov ?? false);
}

/**
 * SGD with Nesterov momentum (PyTorch `SGD(nesterov=True)`): {@link momentum} with the look-ahead `g + μ·b`.
 * @example
 * const opt = nesterov({ momentum: 0.9 });
 */
export function nesterov(config: MomentumConfig = {}): Optimizer {
  return createMomentum('nesterov', config, config.nesterov ?? true);
}

function createMomentum(name: string, config: MomentumConfig, useNesterov: boolean): Optimizer {
  rejectUnknownOptions(name, config, KNOWN);
  const mu = numberOption(name, 'momentum', config.momentum, 0.9, { min: 0 });
  const dampening = numberOption(name, 'dampening', config.dampening, 0, { min: 0, below: 1 });
  const weightDecay = numberOption(name, 'weightDecay', config.weightDecay, 0, { min: 0 });
  if (config.nesterov !== undefined && typeof config.nesterov !== 'boolean') {
    throw new InputError('E_VALUE', `${name}: option "nesterov" must be true or false, got ${JSON.stringify(config.nesterov)}`);
  }
  if (useNesterov && (mu <= 0 || dampening !== 0)) {
    throw new InputError('E_VALUE', `${name}: Nesterov momentum needs momentum > 0 and dampening 0, got momentum ${mu}, dampening ${dampening}`);
  }
  const state = new OptimizerState();
  return {
    name,
    step(theta, gradient, learningRate) {
      return tf.tidy(() => {
        const g = weightDecay > 0 ? tf.add(gradient, tf.mul(theta, weightDecay)) : gradient;
        const previous = state.get('buffer');
        const buffer = previous === undefined ? tf.clone(g) : tf.add(tf.mul(previous, mu), tf.mul(g, 1 - dampening));
        state.set('buffer', buffer);
        const direction = useNesterov ? tf.add(g, tf.mul(buffer, mu)) : buffer;
        return tf.sub(theta, tf.mul(direction, learningRate));
      });
    },
    dispose: () => state.dispose(),
  };
}
