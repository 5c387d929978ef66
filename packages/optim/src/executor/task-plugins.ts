/** Which non-built-in plugins a task's names resolve through (what a worker must have loaded). */
import type { Lens } from '@losslens/core';
import { isModelPath, specPrefix } from '@losslens/models';

/** The registry names a task uses. */
export interface TaskNames {
  model?: string;
  optimizer?: string;
  augmentation?: string;
  dataset?: string;
}

/**
 * The owners, outside `@losslens/*`, of the names in `names` (unknown names are skipped: they
 * fail with their own error when the task runs).
 * @example
 * const plugins = taskPlugins(lens, { model: 'mine/cnn:8', optimizer: 'adam' }); // ['losslens-plugin-mine']
 */
export function taskPlugins(lens: Lens | undefined, names: TaskNames): string[] {
  if (lens === undefined) return [];
  const owners = new Set<string>();
  const add = (registry: Lens['models'] | Lens['optimizers'] | Lens['augmentations'] | Lens['datasets'], name: string | undefined) => {
    if (name === undefined) return;
    try {
      const owner = registry.owner(registry.resolve(name).key);
      if (owner !== undefined && !owner.startsWith('@losslens/')) owners.add(owner);
    } catch {
      // unknown names fail with their own error when the task runs
    }
  };
  if (names.model !== undefined && !isModelPath(names.model)) add(lens.models, specPrefix(names.model));
  add(lens.optimizers, names.optimizer);
  add(lens.augmentations, names.augmentation);
  add(lens.datasets, names.dataset);
  return [...owners].sort();
}
