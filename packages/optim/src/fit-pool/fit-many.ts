/**
 * Independent training runs side by side: a pool of worker threads, one run per core, so a
 * machine with N cores trains N runs at once (the diagnosis's comparison runs, for example).
 */
import * as tf from '@tensorflow/tfjs-core';
import { silentChannel, type Dataset, type EventChannel, type Lens } from '@losslens/core';
import type { FitResult } from '../fit/fit.js';
import { cores, createWorkerPool, sharedDataset, siblingModule } from '../worker-pool.js';
import { builtinOnly, runFitTask, type FitTask } from './fit-task.js';

/** Options of {@link fitMany}. */
export interface FitManyOptions {
  /** Worker threads; default: one per core, at most one per task. 1 runs in this thread. */
  workers?: number;
  /** Receives `{ type: 'progress', task: progressTask, done, total }` as runs finish. */
  events?: EventChannel;
  /** Default `'runs'`. */
  progressTask?: string;
  /**
   * Where the tasks' names resolve (models, optimizers, augmentations). Worker threads know only
   * the built-ins, so tasks that name a plugin's contribution run in this thread.
   */
  lens?: Lens;
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
  const poolable = tasks.every((task) => typeof task.model === 'string' && (lens === undefined || builtinOnly(task, lens)));
  const workers = poolable ? Math.max(1, Math.min(tasks.length, options.workers ?? (await cores()))) : 1;
  let done = 0;
  const finished = <T>(result: T): T => {
    done += 1;
    events.emit({ type: 'progress', task: label, done, total: tasks.length });
    return result;
  };
  if (workers === 1) {
    const results: FitResult[] = [];
    for (const task of tasks) results.push(finished(await runFitTask(task, lens)));
    return results;
  }
  const shared = new Map<Dataset, Dataset>();
  const share = (ds: Dataset | undefined): Dataset | undefined => {
    if (ds === undefined) return undefined;
    let copy = shared.get(ds);
    if (copy === undefined) shared.set(ds, (copy = sharedDataset(ds)));
    return copy;
  };
  const pool = await createWorkerPool(siblingModule(import.meta.url, 'worker'), workers);
  try {
    const backend = tf.getBackend();
    return await Promise.all(
      tasks.map(async (task) => {
        const validation = share(task.validation);
        const message = { task: { ...task, train: share(task.train)!, ...(validation ? { validation } : {}) }, backend };
        return finished((await pool.run(message)) as FitResult);
      }),
    );
  } finally {
    await pool.destroy();
  }
}
