/**
 * optim's task handlers: `optim/fit` runs one {@link FitTask}, `optim/batch-trial` one trial of
 * the batch-size study. Every executor (in-process,
 * worker pool, queue worker) looks kinds up in tables like this one.
 */
import type { TaskHandlers } from '../executor/executor.js';
import { siblingModule } from '../worker-pool.js';
import type { Dataset } from '@losslens/core';
import { createModel, modelFromSpec } from '@losslens/models';
import { runTrial, type BatchRun, type TrialSettings } from '../batch-study/trial.js';
import { epochEvents, runFitTask, type FitTask } from './fit-task.js';

/** One trial of the batch-size study as plain data: the `optim/batch-trial` payload. */
export interface BatchTrialTask {
  spec: string;
  train: Dataset;
  validation?: Dataset;
  settings: TrialSettings;
}

/**
 * Handlers by kind: `optim/fit` trains a {@link FitTask} and returns its `FitResult`.
 * @example
 * const executor = inProcessExecutor({ handlers: taskHandlers });
 */
export const taskHandlers: TaskHandlers = {
  'optim/fit': (task: FitTask, context) => {
    const progress = context.progress;
    return runFitTask(task, context.lens, progress ? epochEvents((epoch) => progress(epoch, task.epochs)) : undefined);
  },
  'optim/batch-trial': async (task: BatchTrialTask, context): Promise<{ run: BatchRun; theta: Float32Array }> => {
    const shape = { inputShape: task.train.featureShape, outputs: task.train.outputs, task: task.train.task };
    const model = context.lens ? modelFromSpec(task.spec, { ...shape, models: context.lens.models }) : createModel(task.spec, shape);
    return runTrial(model, task.train, task.validation, task.settings);
  },
};

/**
 * This module's URL, for a worker pool that should load {@link taskHandlers}.
 * @example
 * const executor = await workerPoolExecutor({ handlerModules: [optimTaskModule()], threads: 2 });
 */
export function optimTaskModule(): URL {
  return siblingModule(import.meta.url, 'tasks');
}
