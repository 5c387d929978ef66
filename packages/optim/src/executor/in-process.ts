/** The executor that runs tasks one after another in this thread. */
import type { Lens } from '@losslens/core';
import { assertPluginsLoaded, assertUniqueTaskIds, handlerFor, type Executor, type TaskHandlers } from './executor.js';

/** Options of {@link inProcessExecutor}. */
export interface InProcessExecutorOptions {
  handlers: TaskHandlers;
  /** Resolves plugin names; its non-built-in plugins are the ones tasks may name. */
  lens?: Lens;
}

/**
 * Names of the non-built-in (not `@losslens/*`) plugins in `lens`.
 * @example
 * const allowed = pluginNames(lens); // Set { 'losslens-plugin-mine' }
 */
export function pluginNames(lens: Lens | undefined): Set<string> {
  return new Set((lens?.plugins ?? []).map((p) => p.name).filter((name) => !name.startsWith('@losslens/')));
}

/**
 * Runs tasks in this thread, in order.
 * @example
 * const executor = inProcessExecutor({ handlers: optimTaskHandlers });
 * const [result] = await executor.run([{ id: 'a', kind: 'optim/fit', payload: task }]);
 */
export function inProcessExecutor(options: InProcessExecutorOptions): Executor {
  const loaded = pluginNames(options.lens);
  return {
    name: 'in-process',
    async run(tasks, runOptions = {}) {
      assertUniqueTaskIds(tasks);
      const results: unknown[] = [];
      for (const task of tasks) {
        assertPluginsLoaded(task, loaded);
        const onProgress = runOptions.onProgress;
        const context = {
          ...(options.lens ? { lens: options.lens } : {}),
          ...(onProgress ? { progress: (done: number, total: number) => onProgress(task, done, total) } : {}),
        };
        const result = await handlerFor(options.handlers, task)(task.payload as never, context);
        results.push(result);
        runOptions.onResult?.(task, result, results.length, tasks.length);
      }
      return results;
    },
    close: async () => {},
  };
}
