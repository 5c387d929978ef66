/**
 * How `fit` turns the names it is given (optimizer, schedule, augmentation) into objects: through
 * a lens's registries when one is given (built-ins and plugins alike), else through this
 * package's own tables, which are what the `@losslens/optim` plugin registers.
 */
import type { Augmentation, Lens, Optimizer, ParameterBlock, Schedule } from '@losslens/core';
import { createOptimizer, defaultLearningRates, isOptimizerName, type OptimizerName } from '../optimizers/create-optimizer.js';
import { createSchedule, type ScheduleSpec } from '../schedules/create-schedule.js';

/** An optimizer a name resolved to: how to build it and its default rate. */
export interface ResolvedOptimizer {
  /** The registry key (`optim/adam`) or the built-in name without a lens. */
  key: string;
  defaultRate: number;
  create(config: Record<string, unknown>, layout: readonly ParameterBlock[]): Optimizer;
}

/** A plugin optimizer's rate when it names none. */
const PLUGIN_DEFAULT_RATE = 0.01;

/**
 * Resolves an optimizer name (`adam`, `optim/adam`, a plugin's `mine/sgd2`).
 * @example
 * const adam = resolveOptimizer('adam', lens).create({}, model.layout);
 */
export function resolveOptimizer(name: string, lens?: Lens): ResolvedOptimizer {
  if (lens === undefined) {
    if (!isOptimizerName(name)) createOptimizer(name); // throws, naming the choices
    return { key: name, defaultRate: defaultLearningRates[name as OptimizerName], create: (config, layout) => createOptimizer(name, config, { layout }) };
  }
  const { key, value } = lens.optimizers.resolve(name, '--optimizer');
  const short = key.slice(key.indexOf('/') + 1);
  const builtin = lens.optimizers.owner(key) === '@losslens/optim' && isOptimizerName(short);
  return {
    key,
    defaultRate: builtin ? defaultLearningRates[short] : PLUGIN_DEFAULT_RATE,
    create: (config, layout) => value({ ...config, layout }),
  };
}

/**
 * A schedule from a function, a spec (`{ name: 'cosine', totalEpochs: 20 }`) or, with a lens,
 * a spec naming a plugin's schedule (`{ name: 'mine/cyclic', period: 4 }`).
 * @example
 * const schedule = resolveSchedule({ name: 'cosine', totalEpochs: 20 }, lens);
 */
export function resolveSchedule(schedule: Schedule | ScheduleSpec | { name: string; [option: string]: unknown }, lens?: Lens): Schedule {
  if (typeof schedule === 'function') return schedule;
  if (lens === undefined) return createSchedule(schedule as ScheduleSpec);
  const { name, ...config } = schedule;
  return lens.schedules.resolve(name, '--schedule').value(config);
}

/** An augmentation named as data, so it can cross a thread boundary. */
export interface AugmentationSpec {
  /** A registry key or short name, e.g. `data/horizontal-flip` or `horizontal-flip`. */
  name: string;
  config?: Record<string, unknown>;
}

/**
 * The augmentation a name refers to, from the lens's registry.
 * @example
 * const flip = resolveAugmentation({ name: 'data/horizontal-flip', config: { probability: 0.5 } }, lens);
 */
export function resolveAugmentation(spec: AugmentationSpec, lens: Lens): Augmentation {
  return lens.augmentations.resolve(spec.name, '--augment').value(spec.config ?? {});
}
