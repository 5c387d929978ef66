/**
 * Independent training runs side by side: a pool of worker threads, one run per core, so a
 * machine with N cores trains N runs at once (the diagnosis's comparison runs, for example).
 */
import { silentChannel, type Dataset, type EventChannel, type Lens } from '@losslens/core';
import type { Executor, ExecutorTask } from '../executor/executor.js';
import { inProcessExecutor } from '../executor/in-process.js';
import { plainDataset } from '../executor/plain-dataset.js';
import { taskPlugins } from '../executor/task-plugins.js';
import { workerPoolExecutor } from '../executor/worker-pool.js';
import type { FitResult } from '../fit/fit.js';
import { cores, sharedDataset } from '../worker-pool.js';
import { builtinOnly, type FitTask } from './fit-task.js';
import { optimTaskModule, taskHandlers } from './tasks.js';

/** Options of {@link fitMany}. */
export interface FitManyOptions {
  /** Worker threads; default: one per core, at most one per task. 1 runs in this thread. */
  workers?: number;
  /**
   * Receives `{ type: 'progress', task: progressTask, done, total, message }` after every epoch of
   * any run: `done` epochs of all runs together out of `total` (the sum of their `epochs`; a run
   * that stops early counts whole when it ends), `message` how many runs have finished. An
   * executor that reports no progress within a task (a queue) gives one event per finished run.
   */
  events?: EventChannel;
  /** Default `'runs'`. */
  progressTask?: string;
  /**
   * Where the tasks' names resolve (models, optimizers, augmentations). Worker threads know only
   * the built-ins, so tasks that name a plugin's contribution run in this thread.
   */
  lens?: Lens;
  /**
   * Where the runs go (in-process, worker pool, queue, …); default: a worker pool of `workers`
   * threads, or this thread. Tasks whose model is an object always train in this thread.
   */
  executor?: Executor;
}

/**
 * Trains every task and returns the results in task order. Runs in worker threads on the
 * current backend (datasets shared, not copied), or in this thread with `workers: 1`; the
 * results are the same either way for the same seeds.
 * @example
 * const [a, b] = await fitMany([
 *   { model: 'mlp:32:relu', train, validation, optimizer: 'adam', epochs: 20, batchSize: 32, seed: 0 },
 *   { model: 'mlp:64:relu', train, validation, optimizer: 'adam', epochs: 20, batchSize: 32, seed: 0 },
 * ]);
 */
export async function fitMany(tasks: readonly FitTask[], options: FitManyOptions = {}): Promise<FitResult[]> {
  const events = options.events ?? silentChannel;
  const label = options.progressTask ?? 'runs';
  const lens = options.lens;
  const plain = tasks.every((task) => typeof task.model === 'string');
  const poolable = plain && tasks.every((task) => lens === undefined || builtinOnly(task, lens));
  const workers = poolable ? Math.max(1, Math.min(tasks.length, options.workers ?? (await cores()))) : 1;
  const given = plain ? options.executor : undefined;
  const executor = given ?? (workers === 1 ? inProcessExecutor({ handlers: taskHandlers, ...(lens ? { lens } : {}) }) : await workerPoolExecutor({ handlerModules: [optimTaskModule()], threads: workers }));
  const shared = new Map<Dataset, Dataset>();
  const share = (ds: Dataset | undefined): Dataset | undefined => {
    if (ds === undefined) return ds;
    if (executor.name !== 'worker-pool') return plainDataset(ds);
    let copy = shared.get(ds);
    if (copy === undefined) shared.set(ds, (copy = sharedDataset(ds)));
    return copy;
  };
  const executorTasks = tasks.map((task, i): ExecutorTask<FitTask> => {
    const validation = share(task.validation);
    // a model object (your own, in memory) runs in this thread and names no plugin
    const plugins = taskPlugins(lens, { ...(typeof task.model === 'string' ? { model: task.model } : {}), optimizer: task.optimizer, ...(task.augment ? { augmentation: task.augment.name } : {}) });
    return {
      id: `run:${i}`,
      kind: 'optim/fit',
      payload: { ...task, train: share(task.train)!, ...(validation ? { validation } : {}) },
      ...(plugins.length > 0 ? { plugins } : {}),
    };
  });
  // progress after every epoch of any run: epochs of all runs together, out of their sum
  const total = tasks.reduce((n, task) => n + task.epochs, 0);
  const epochs = tasks.map(() => 0);
  let runsDone = 0;
  const report = () =>
    events.emit({ type: 'progress', task: label, done: epochs.reduce((a, b) => a + b, 0), total, message: `epochs, ${runsDone} of ${tasks.length} runs done` });
  const indexOf = new Map(executorTasks.map((task, i) => [task.id, i]));
  try {
    return (await executor.run(executorTasks, {
      onProgress: (task, epoch) => {
        const i = indexOf.get(task.id)!;
        if (epoch <= epochs[i]! || epoch >= tasks[i]!.epochs) return; // the last epoch is reported with the run
        epochs[i] = epoch;
        report();
      },
      onResult: (task) => {
        runsDone += 1;
        const i = indexOf.get(task.id)!;
        epochs[i] = tasks[i]!.epochs; // a run that stopped early counts whole
        report();
      },
    })) as FitResult[];
  } finally {
    if (given === undefined) await executor.close();
  }
}
