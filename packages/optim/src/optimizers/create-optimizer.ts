import { InputError, type Optimizer, type ParameterBlock } from '@losslens/core';
import { adagrad } from './adagrad.js';
import { adam, adamw } from './adam.js';
import { lamb } from './lamb.js';
import { lars } from './lars.js';
import { momentum, nesterov } from './momentum.js';
import { rmsprop } from './rmsprop.js';
import { sgd } from './sgd.js';

/**
 * The optimizers {@link createOptimizer} knows, by name.
 * @example
 * optimizerNames.includes('lamb'); // true
 */
export const optimizerNames = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad', 'lars', 'lamb'] as const;
export type OptimizerName = (typeof optimizerNames)[number];

/** Default learning rate per optimizer (PyTorch's defaults where it has one; 0.01 for the SGD family). */
export const defaultLearningRates: Readonly<Record<OptimizerName, number>> = {
  sgd: 0.01,
  momentum: 0.01,
  nesterov: 0.01,
  adam: 0.001,
  adamw: 0.001,
  rmsprop: 0.01,
  adagrad: 0.01,
  lars: 0.1,
  lamb: 0.001,
};

const factories: Record<OptimizerName, (config: Record<string, unknown>) => Optimizer> = {
  sgd,
  momentum,
  nesterov,
  adam,
  adamw,
  rmsprop,
  adagrad,
  lars,
  lamb,
};

/**
 * True when `name` is one of {@link optimizerNames}.
 * @example
 * isOptimizerName('adam'); // true
 */
export function isOptimizerName(name: string): name is OptimizerName {
  return (optimizerNames as readonly string[]).includes(name);
}

/**
 * Creates an optimizer by name with its options; `layout` (the model's parameter blocks) is
 * passed to the layer-wise ones (`lars`, `lamb`) and ignored by the rest.
 * Throws `InputError(E_VALUE)` for an unknown name or option.
 * @example
 * const opt = createOptimizer('adam', { beta1: 0.8 });
 * const larsOpt = createOptimizer('lars', {}, { layout: model.layout });
 */
export function createOptimizer(
  name: string,
  config: Record<string, unknown> = {},
  context: { layout?: readonly ParameterBlock[] } = {},
): Optimizer {
  if (!isOptimizerName(name)) {
    throw new InputError('E_VALUE', `unknown optimizer "${name}"; choose one of ${optimizerNames.join(', ')}`);
  }
  const layerWise = name === 'lars' || name === 'lamb';
  const full = layerWise && context.layout !== undefined && config['layout'] === undefined ? { ...config, layout: context.layout } : config;
  return factories[name](full);
}
