import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer, ParameterBlock } from '@losslens/core';
import { blockwiseScale, guardedRatio, layerRanges } from './layer-wise.js';
import { numberOption, rejectUnknownOptions } from './options.js';
import { OptimizerState } from './state.js';

/** Options of {@link lars}. */
export interface LarsConfig {
  /** Momentum m. Default 0.9. */
  momentum?: number;
  /** Weight decay β. Default 0. */
  weightDecay?: number;
  /** Trust coefficient η. Default 0.001. */
  trustCoefficient?: number;
  /** Added to the denominator of the local rate. Default 0. */
  epsilon?: number;
  /** The model's parameter blocks (one local rate per block); default: θ as a single block. */
  layout?: readonly ParameterBlock[];
}

/**
 * LARS (You, Gitman & Ginsburg, arXiv 1708.03888, Algorithm 1), per block l:
 * `λˡ = η·‖wˡ‖ / (‖gˡ‖ + β‖wˡ‖ + ε)` (1 when ‖wˡ‖ or ‖gˡ‖ is 0);
 * `vˡ ← m·vˡ + lr·λˡ·(gˡ + β·wˡ)`; `wˡ ← wˡ − vˡ`.
 * @example
 * const opt = lars({ layout: model.layout, trustCoefficient: 0.001 });
 */
export function lars(config: LarsConfig = {}): Optimizer {
  rejectUnknownOptions('lars', config, ['momentum', 'weightDecay', 'trustCoefficient', 'epsilon', 'layout']);
  const mu = numberOption('lars', 'momentum', config.momentum, 0.9, { min: 0 });
  const weightDecay = numberOption('lars', 'weightDecay', config.weightDecay, 0, { min: 0 });
  const eta = numberOption('lars', 'trustCoefficient', config.trustCoefficient, 0.001, { above: 0 });
  const epsilon = numberOption('lars', 'epsilon', config.epsilon, 0, { min: 0 });
  const state = new OptimizerState();
  let ranges: [number, number][] | undefined;
  return {
    name: 'lars',
    step(theta, gradient, learningRate) {
      ranges ??= layerRanges('lars', config.layout, theta.size);
      const layers = ranges;
      return tf.tidy(() => {
        const local = blockwiseScale(theta, gradient, layers, (wn, gn) =>
          guardedRatio(wn, gn, tf.div(tf.mul(wn, eta), tf.add(tf.add(gn, tf.mul(wn, weightDecay)), epsilon)) as tf.Scalar),
        );
        const g = weightDecay > 0 ? tf.add(gradient, tf.mul(theta, weightDecay)) : gradient;
        const scaled = tf.mul(tf.mul(local, g), learningRate);
        const previous = state.get('velocity');
        const velocity = previous === undefined ? scaled : tf.add(tf.mul(previous, mu), scaled);
        state.set('velocity', velocity);
        return tf.sub(theta, velocity);
      });
    },
    dispose: () => state.dispose(),
  };
}
