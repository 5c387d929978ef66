/**
 * The learning rate losslens uses when none is given, in the diagnosis and in every CLI command.
 */
import type { Lens } from '@losslens/core';

/** Optimizers whose usual default rate (0.001) is too slow for a diagnosis budget. */
const ADAPTIVE = new Set(['optim/adam', 'optim/adamw', 'optim/lamb']);

/**
 * 0.01 for adam, adamw and lamb (Keras's 0.001 is tuned for long runs and leaves small networks
 * undertrained within a diagnosis budget, which would read as an optimization issue); undefined,
 * meaning the optimizer's own default, for the others. Resolves `optimizer` through `lens`, so
 * an unknown name is an error naming `--optimizer`.
 * @example
 * defaultLearningRate(lens, 'adam'); // 0.01
 * defaultLearningRate(lens, 'sgd'); // undefined: sgd's own 0.01
 */
export function defaultLearningRate(lens: Pick<Lens, 'optimizers'>, optimizer: string): number | undefined {
  return ADAPTIVE.has(lens.optimizers.resolve(optimizer, '--optimizer').key) ? 0.01 : undefined;
}
