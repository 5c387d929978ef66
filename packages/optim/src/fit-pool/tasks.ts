/**
 * optim's task handlers: `optim/fit` runs one {@link FitTask}. Every executor (in-process,
 * worker pool, queue worker) looks kinds up in tables like this one.
 */
import type { TaskHandlers } from '../executor/executor.js';
import { siblingModule } from '../worker-pool.js';
import { runFitTask, type FitTask } from './fit-task.js';

/**
 * Handlers by kind: `optim/fit` trains a {@link FitTask} and returns its `FitResult`.
 * @example
 * const executor = inProcessExecutor({ handlers: taskHandlers });
 */
export const taskHandlers: TaskHandlers = {
  'optim/fit': (task: FitTask, context) => runFitTask(task, context.lens),
};

/**
 * This module's URL, for a worker pool that should load {@link taskHandlers}.
 * @example
 * const executor = await workerPoolExecutor({ handlerModules: [optimTaskModule()], threads: 2 });
 */
export function optimTaskModule(): URL {
  return siblingModule(import.meta.url, 'tasks');
}
