/**
 * The optim plugin: the built-in optimizers and schedules, contributed through the same
 * contract a third-party plugin uses.
 */
import { packageVersion } from './version.js';
import { definePlugin, type OptimizerFactory, type ParameterBlock, type Plugin, type ScheduleFactory } from '@losslens/core';
import { createOptimizer, optimizerNames } from './optimizers/create-optimizer.js';
import { createSchedule, scheduleNames, type ScheduleSpec } from './schedules/create-schedule.js';

/**
 * The package version the plugin reports (checked against dependents' ranges).
 * @example
 * definePlugin({ name: 'mine', version: '1.0.0', dependencies: [`@losslens/optim@^${optimVersion}`] });
 */
export const optimVersion: string = packageVersion;

/**
 * The `@losslens/optim` plugin. Registers `optim/<name>` for every optimizer in
 * `optimizerNames` (config: that optimizer's options; `fit` adds `layout`, the model's parameter
 * blocks, which lars/lamb use and the others ignore) and
 * `optim/<name>` for every schedule in `scheduleNames` (config: the schedule's options).
 * @example
 * const lens = await createLens({ plugins: [optim()] });
 * const adam = lens.optimizers.get('optim/adam')({ beta1: 0.8 });
 * const cosine = lens.schedules.get('optim/cosine')({ totalEpochs: 20 });
 */
export function optim(): Plugin {
  const optimizers: Record<string, OptimizerFactory> = {};
  for (const name of optimizerNames) {
    optimizers[`optim/${name}`] = ({ layout, ...config } = {}) =>
      createOptimizer(name, config, Array.isArray(layout) ? { layout: layout as ParameterBlock[] } : {});
  }
  const schedules: Record<string, ScheduleFactory> = {};
  for (const name of scheduleNames) schedules[`optim/${name}`] = (config = {}) => createSchedule({ ...config, name } as ScheduleSpec);
  return definePlugin({ name: '@losslens/optim', version: optimVersion, provides: { optimizers, schedules } });
}
