/** The executor that runs tasks in a piscina pool of worker threads on this machine. */
import type { TransferListItem } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { createWorkerPool, siblingModule } from '../worker-pool.js';
import { assertPluginsLoaded, assertUniqueTaskIds, type Executor } from './executor.js';

/** Options of {@link workerPoolExecutor}. */
export interface WorkerPoolExecutorOptions {
  /** Modules whose `taskHandlers` export the threads use (e.g. `optimTaskModule()`), merged in order. */
  handlerModules: readonly URL[];
  threads: number;
}

/**
 * Runs tasks in `threads` worker threads, each loading the handler modules once, on the current
 * backend. Worker threads know only built-in names: a task naming a plugin is refused.
 * @example
 * const executor = await workerPoolExecutor({ handlerModules: [optimTaskModule()], threads: 2 });
 * try { await executor.run(tasks); } finally { await executor.close(); }
 */
export async function workerPoolExecutor(options: WorkerPoolExecutorOptions): Promise<Executor> {
  const pool = await createWorkerPool(siblingModule(import.meta.url, 'pool-worker'), Math.max(1, options.threads));
  const modules = options.handlerModules.map((url) => url.href);
  let closed = false;
  return {
    name: 'worker-pool',
    async run(tasks, runOptions = {}) {
      assertUniqueTaskIds(tasks);
      const backend = tf.getBackend();
      let done = 0;
      return Promise.all(
        tasks.map(async (task) => {
          assertPluginsLoaded(task, new Set());
          const onProgress = runOptions.onProgress;
          // the global MessageChannel (Node's worker_threads one): no node: import, so browser bundles stay clean
          const channel = onProgress ? new MessageChannel() : undefined;
          if (channel && onProgress) channel.port1.onmessage = (event: MessageEvent<[number, number]>) => onProgress(task, event.data[0], event.data[1]);
          let result: unknown;
          try {
            result = await pool.run({ task, modules, backend, ...(channel ? { progress: channel.port2 } : {}) }, channel ? { transferList: [channel.port2 as unknown as TransferListItem] } : {});
          } finally {
            channel?.port1.close();
          }
          done += 1;
          runOptions.onResult?.(task, result, done, tasks.length);
          return result;
        }),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.destroy();
    },
  };
}
