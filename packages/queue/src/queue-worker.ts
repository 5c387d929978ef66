/**
 * A worker of the losslens queue: takes jobs from Redis and runs each task on a local executor
 * (in this thread, or a worker pool for `concurrency` > 1). It runs only the kinds its executor
 * has handlers for, refuses tasks that name a plugin it was not started with or another backend,
 * and never runs code from a task: a task is data.
 */
import { assertPluginsLoaded, type Executor, type ExecutorTask } from '@losslens/optim';
import type { Worker } from 'bullmq';
import { decodePlain, encodePlain } from './codec.js';
import { defaultQueueName, type QueueJobData } from './queue-executor.js';
import { parseQueueUrl } from './queue-url.js';

/** What a worker reports, one event per task. */
export interface QueueWorkerEvent {
  type: 'started' | 'completed' | 'failed';
  task?: ExecutorTask;
  message: string;
}

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  url: string;
  queueName?: string;
  /** Tasks run at once (default 1); match it to the local executor (a pool of that many threads). */
  concurrency?: number;
  /** Runs each task (its handler table decides which kinds this worker knows). */
  local: Executor;
  /** Non-built-in plugins this worker was started with; a task naming any other is refused. */
  plugins: ReadonlySet<string>;
  /** The backend this worker computes on; a task made for another is refused. */
  backend?: string;
  /** A job whose worker stops renewing its lock for this long is retried elsewhere (default 10000 ms). */
  lockDurationMs?: number;
  onEvent?: (event: QueueWorkerEvent) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** Finishes the tasks in hand, then disconnects. */
  close(): Promise<void>;
  /** Resolves once connected and listening. */
  ready: Promise<void>;
}

/**
 * Starts a worker on the queue at `url`.
 * @example
 * const worker = await startQueueWorker({ url, local: inProcessExecutor({ handlers }), plugins: new Set() });
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { Worker } = await import('bullmq');
  const connection = { ...parseQueueUrl(options.url), maxRetriesPerRequest: null };
  const lockDuration = options.lockDurationMs ?? 10_000;
  const emit = options.onEvent ?? (() => {});
  const worker: Worker = new Worker(
    options.queueName ?? defaultQueueName,
    async (job) => {
      const data = job.data as QueueJobData;
      const task = decodePlain(data.task) as ExecutorTask;
      try {
        assertPluginsLoaded(task, options.plugins);
        if (data.backend !== undefined && options.backend !== undefined && data.backend !== options.backend) {
          throw new Error(`task ${task.id} was made for the ${data.backend} backend, this worker runs ${options.backend}; start a worker with --backend ${data.backend}`);
        }
        emit({ type: 'started', task, message: `task ${task.id} (${task.kind}) started` });
        const [result] = await options.local.run([task]);
        emit({ type: 'completed', task, message: `task ${task.id} (${task.kind}) done` });
        return { result: encodePlain(result) };
      } catch (error) {
        emit({ type: 'failed', task, message: `task ${task.id} (${task.kind}) failed: ${(error as Error).message}` });
        throw error;
      }
    },
    {
      connection,
      concurrency: Math.max(1, options.concurrency ?? 1),
      lockDuration,
      stalledInterval: Math.max(1000, Math.round(lockDuration / 2)),
      maxStalledCount: 2,
    },
  );
  let lastError = '';
  worker.on('error', (error: Error) => {
    const message = `queue ${options.url}: ${(error as NodeJS.ErrnoException).code ?? error.message}`;
    if (message !== lastError) emit({ type: 'failed', message });
    lastError = message;
  });
  return {
    ready: worker.waitUntilReady().then(() => undefined),
    async close() {
      await worker.close();
      await options.local.close();
    },
  };
}
