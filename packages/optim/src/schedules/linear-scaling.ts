/**
 * The learning-rate scaling rules for changing the batch size: linear (Goyal et al.,
 * arXiv 1706.02677: lr ∝ batch size, with gradual warm-up) and square root (lr ∝ √batch size).
 */
import { InputError, type Schedule } from '@losslens/core';
import { numberOption } from '../optimizers/options.js';
import { constant, linearWarmup } from './schedules.js';

/** How the learning rate follows the batch size. */
export type LearningRateScaling = 'none' | 'linear' | 'sqrt';

/** The scaling rules, for flag parsing. */
export const learningRateScalings: readonly LearningRateScaling[] = ['none', 'linear', 'sqrt'];

/**
 * The rate for `batchSize` given `baseRate` at `referenceBatchSize`: unchanged (`none`),
 * `× b/b₀` (`linear`) or `× √(b/b₀)` (`sqrt`).
 * @example
 * scaleLearningRate(0.1, { batchSize: 1024, referenceBatchSize: 256, rule: 'linear' }); // 0.4
 */
export function scaleLearningRate(
  baseRate: number,
  options: { batchSize: number; referenceBatchSize: number; rule: LearningRateScaling },
): number {
  const b = numberOption('scaleLearningRate', 'batchSize', options.batchSize, 1, { above: 0 });
  const b0 = numberOption('scaleLearningRate', 'referenceBatchSize', options.referenceBatchSize, 1, { above: 0 });
  switch (options.rule) {
    case 'none':
      return baseRate;
    case 'linear':
      return (baseRate * b) / b0;
    case 'sqrt':
      return baseRate * Math.sqrt(b / b0);
    default:
      throw new InputError('E_VALUE', `unknown learning-rate scaling "${String(options.rule)}"; choose one of ${learningRateScalings.join(', ')}`);
  }
}

/** Options of {@link linearScalingRule}. */
export interface LinearScalingConfig {
  batchSize: number;
  /** The batch size the base rate was tuned for. Default 256 (as in Goyal et al.). */
  referenceBatchSize?: number;
  /** Gradual warm-up length in epochs, from the base rate up to the scaled one. Default 5; 0 for none. */
  warmupEpochs?: number;
  /** The schedule applied on top (e.g. step decay). Default {@link constant}. */
  then?: Schedule;
}

/**
 * Goyal et al.'s recipe as one schedule: rate `k·base` with `k = batchSize/referenceBatchSize`,
 * reached by a linear warm-up from `base` (factor 1/k) over `warmupEpochs`, times `then`.
 * @example
 * const schedule = linearScalingRule({ batchSize: 8192, warmupEpochs: 5 });
 * await fit({ ..., batchSize: 8192, learningRate: 0.1, schedule });
 */
export function linearScalingRule(config: LinearScalingConfig): Schedule {
  const reference = config.referenceBatchSize ?? 256;
  const k = scaleLearningRate(1, { batchSize: config.batchSize, referenceBatchSize: reference, rule: 'linear' });
  const warmupEpochs = numberOption('linearScalingRule', 'warmupEpochs', config.warmupEpochs, 5, { min: 0 });
  const then = config.then ?? constant();
  const scaled: Schedule = (at) => k * then(at);
  if (warmupEpochs === 0 || k <= 1) return scaled;
  return linearWarmup({ epochs: warmupEpochs, startFactor: 1 / k, then: scaled });
}
