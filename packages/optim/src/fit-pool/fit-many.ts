/**
 * Independent training runs side by side: a pool of worker threads, one run per core, so a
 * machine with N cores trains N runs at once (the diagnosis's comparison runs, for example).
 */
import type { TransferListItem } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { silentChannel, type Dataset, type EventChannel, type Lens } from '@losslens/core';
import type { FitResult } from '../fit/fit.js';
import { cores, createWorkerPool, sharedDataset, siblingModule } from '../worker-pool.js';
import { builtinOnly, epochEvents, runFitTask, type FitTask } from './fit-task.js';

/** Options of {@link fitMany}. */
export interface FitManyOptions {
  /** Worker threads; default: one per core, at most one per task. 1 runs in this thread. */
  workers?: number;
  /**
   * Receives `{ type: 'progress', task: progressTask, done, total, message }` after every epoch of
   * any run: `done` epochs of all runs together out of `total` (the sum of their `epochs`; a run
   * that stops early counts whole when it ends), `message` how many runs have finished.
   */
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
  const total = tasks.reduce((n, task) => n + task.epochs, 0);
  const epochs = tasks.map(() => 0);
  let epochsDone = 0;
  let runsDone = 0;
  const report = () => events.emit({ type: 'progress', task: label, done: epochsDone, total, message: `epochs, ${runsDone} of ${tasks.length} runs done` });
  const advance = (i: number, epoch: number) => {
    if (epoch <= epochs[i]! || epoch >= tasks[i]!.epochs) return; // the last epoch is reported with the run
    epochsDone += epoch - epochs[i]!;
    epochs[i] = epoch;
    report();
  };
  const finished = <T>(i: number, result: T): T => {
    runsDone += 1;
    epochsDone += tasks[i]!.epochs - epochs[i]!; // a run that stopped early counts whole
    epochs[i] = tasks[i]!.epochs;
    report();
    return result;
  };
  const watching = events !== silentChannel;
  if (workers === 1) {
    const results: FitResult[] = [];
    for (const [i, task] of tasks.entries()) {
      const perEpoch = watching ? epochEvents((epoch) => advance(i, epoch)) : undefined;
      results.push(finished(i, await runFitTask(task, lens, perEpoch)));
    }
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
      tasks.map(async (task, i) => {
        const validation = share(task.validation);
        // the global MessageChannel (Node's worker_threads one): no node: import, so browser bundles stay clean
        const channel = watching ? new MessageChannel() : undefined;
        if (channel) channel.port1.onmessage = (event: MessageEvent<number>) => advance(i, event.data);
        const message = { task: { ...task, train: share(task.train)!, ...(validation ? { validation } : {}) }, backend, ...(channel ? { epochs: channel.port2 } : {}) };
        try {
          const result = (await pool.run(message, channel ? { transferList: [channel.port2 as unknown as TransferListItem] } : {})) as FitResult;
          return finished(i, result);
        } finally {
          channel?.port1.close();
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}
