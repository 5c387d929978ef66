/** Reading and setting the learning rate of a tfjs-core optimizer, as the user's model trains with it. */
import type { OptimizerLike } from './layers-protocol.js';

/**
 * The optimizer's current learning rate.
 * @example
 * learningRateOf(model.optimizer); // 0.01
 */
export function learningRateOf(optimizer: OptimizerLike | undefined): number {
  const rate = (optimizer as { learningRate?: unknown } | undefined)?.learningRate;
  if (typeof rate !== 'number') throw new Error('the model has no optimizer with a numeric learning rate (compile it first)');
  return rate;
}

/**
 * Sets the optimizer's learning rate for the next updates. SGD and momentum keep a
 * scalar `-rate` (`setLearningRate` rebuilds it); Adam, RMSprop, Adagrad, … read `learningRate`.
 * @example
 * setLearningRate(model.optimizer, 0.001);
 */
export function setLearningRate(optimizer: OptimizerLike | undefined, rate: number): void {
  learningRateOf(optimizer);
  const target = optimizer as OptimizerLike & { learningRate: number };
  if (typeof target.setLearningRate === 'function') target.setLearningRate(rate);
  else target.learningRate = rate;
}
