/**
 * critical's task handlers: `critical/run` runs one seed of the critical study
 * ({@link CriticalRunTask}) wherever an executor sends it.
 */
import type { Lens } from '@losslens/core';
import { resolveModel } from '@losslens/models';
import type { TaskHandlers } from '@losslens/optim';
import { criticalRun, type CriticalRunResult, type CriticalRunTask } from './critical-study.js';
import { datasetObjective } from './dataset-objective.js';

/**
 * Rebuilds the model from its spec (through the worker's lens for a plugin's), trains, polishes
 * and analyzes one seed.
 * @example
 * const { point } = await runCriticalTask({ model: 'mlp:4:tanh', train, seed: 0, fit, exactLimit: 2000 });
 */
export async function runCriticalTask(task: CriticalRunTask, context: { lens?: Lens } = {}): Promise<CriticalRunResult> {
  const { model } = await resolveModel(task.model, {
    ...(context.lens ? { models: context.lens.models } : {}),
    inputShape: task.train.featureShape,
    outputs: task.train.outputs,
    task: task.train.task,
    ...(task.cwd === undefined ? {} : { cwd: task.cwd }),
  });
  const objective = datasetObjective(model, task.train, undefined, { batchSize: 'full' });
  try {
    return await criticalRun(model, objective, task, context.lens ? { lens: context.lens } : {});
  } finally {
    objective.dispose();
  }
}

/**
 * Handlers by kind: `critical/run`.
 * @example
 * const executor = inProcessExecutor({ handlers: { ...optimTaskHandlers, ...criticalTaskHandlers } });
 */
export const taskHandlers: TaskHandlers = {
  'critical/run': (task: CriticalRunTask, context) => runCriticalTask(task, context),
};

/**
 * This module's URL, for a worker pool that should load {@link taskHandlers}.
 * @example
 * const executor = await workerPoolExecutor({ handlerModules: [optimTaskModule(), criticalTaskModule()], threads: 2 });
 */
export function criticalTaskModule(): URL {
  return new URL(`./tasks${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
}

