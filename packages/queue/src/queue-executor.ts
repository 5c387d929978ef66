/**
 * The executor on a BullMQ queue in Redis: a study's tasks become jobs with ids derived from
 * the study's content, workers on any machine run them, and the results are collected by job
 * id, so a task retried after a crash, a Redis restart or the study's own restart is counted once.
 */
import { createHash } from 'node:crypto';
import { assertUniqueTaskIds, TaskFailedError, type Executor, type ExecutorRunOptions, type ExecutorTask } from '@losslens/optim';
import type { Job, Queue } from 'bullmq';
import { decodePlain, encodePlain } from './codec.js';
import { parseQueueUrl } from './queue-url.js';

/** The queue every losslens worker listens on unless told otherwise. */
export const defaultQueueName = 'losslens';

/** A job's data: the encoded task and the backend it must run on. */
export interface QueueJobData {
  task: string;
  backend?: string;
}

/** Options of {@link queueExecutor}. */
export interface QueueExecutorOptions {
  /** `redis://HOST:PORT[/DB]`. */
  url: string;
  /** Default {@link defaultQueueName}. */
  queueName?: string;
  /** Tries per task before the study fails (default 3). */
  attempts?: number;
  /** How often finished jobs are looked up, in ms (default 100). */
  pollMs?: number;
  /** The tfjs backend the tasks must run on (workers on another backend refuse them). */
  backend?: string;
  /** Told about connection trouble and re-enqueued tasks (one line each). */
  onNote?: (message: string) => void;
}

const sanitize = (id: string) => id.replace(/[^A-Za-z0-9_.-]/g, '-');

/**
 * The job id of each task: `<study>_<index>_<task id>`, where `<study>` hashes every task and
 * the backend, so the same study gets the same ids on every run (its finished jobs are reused).
 * @example
 * const ids = jobIds(tasks, 'wasm'); // ['3f…_0_seed-0', …]
 */
export function jobIds(encoded: readonly string[], tasks: readonly ExecutorTask[], backend: string | undefined): string[] {
  const hash = createHash('sha256').update(backend ?? '').update('\n');
  for (const text of encoded) hash.update(text).update('\n');
  const study = hash.digest('hex').slice(0, 16);
  return tasks.map((task, i) => `${study}_${i}_${sanitize(task.id)}`);
}

/**
 * An {@link Executor} that runs tasks on the workers of a BullMQ queue (`losslens worker --queue URL`).
 * Results come back in task order whatever worker ran them; a task that fails `attempts` times
 * fails the run with an error naming it; tasks Redis lost (a restart without persistence) are
 * enqueued again.
 * @example
 * const executor = await queueExecutor({ url: 'redis://127.0.0.1:6380', backend: 'wasm' });
 * try { const results = await executor.run(tasks); } finally { await executor.close(); }
 */
export async function queueExecutor(options: QueueExecutorOptions): Promise<Executor> {
  const { Queue } = await import('bullmq');
  const connection = { ...parseQueueUrl(options.url), maxRetriesPerRequest: null };
  let lastError = '';
  /** One connection per run, closed when the run ends, so an idle executor holds nothing open. */
  const openQueue = (): Queue => {
    const queue: Queue = new Queue(options.queueName ?? defaultQueueName, { connection });
    queue.on('error', (error: Error) => {
      const message = `queue ${options.url}: ${(error as NodeJS.ErrnoException).code ?? error.message}; waiting for Redis`;
      if (message !== lastError) options.onNote?.(message);
      lastError = message;
    });
    return queue;
  };
  const attempts = options.attempts ?? 3;
  const pollMs = options.pollMs ?? 100;

  const jobFor = (id: string, name: string, data: QueueJobData) => ({
    name,
    data,
    opts: { jobId: id, attempts, backoff: { type: 'fixed', delay: 100 }, removeOnComplete: false, removeOnFail: false },
  });

  return {
    name: 'queue',
    async run(tasks, runOptions = {}) {
      assertUniqueTaskIds(tasks);
      const queue = openQueue();
      try {
        return await runOn(queue, tasks, runOptions);
      } finally {
        await queue.close();
      }
    },
    close: async () => {},
  };

  async function runOn(queue: Queue, tasks: readonly ExecutorTask[], runOptions: ExecutorRunOptions): Promise<unknown[]> {
    const encoded = tasks.map((task) => encodePlain(task));
    const ids = jobIds(encoded, tasks, options.backend);
    const data = (i: number): QueueJobData => ({ task: encoded[i] as string, ...(options.backend === undefined ? {} : { backend: options.backend }) });
    // A job that failed in an earlier run of this study starts afresh.
    const before = await Promise.all(ids.map((id) => queue.getJobState(id)));
    await Promise.all(ids.map(async (id, i) => (before[i] === 'failed' ? (await queue.getJob(id))?.remove() : undefined)));
    await queue.addBulk(ids.map((id, i) => jobFor(id, (tasks[i] as ExecutorTask).kind, data(i))));
    lastError = '';
    const results = new Map<number, unknown>();
    const pending = new Set(ids.keys());
    while (pending.size > 0) {
      const indices = [...pending];
      const states = await Promise.all(indices.map((i) => queue.getJobState(ids[i] as string)));
      for (const [k, i] of indices.entries()) {
        const state = states[k];
        const task = tasks[i] as ExecutorTask;
        if (state === 'completed') {
          const job: Job | undefined = await queue.getJob(ids[i] as string);
          const value = job?.returnvalue as { result?: string } | null | undefined;
          if (typeof value?.result !== 'string' || results.has(i)) continue;
          const result = decodePlain(value.result);
          results.set(i, result);
          pending.delete(i);
          runOptions.onResult?.(task, result, results.size, tasks.length);
        } else if (state === 'failed') {
          const job = await queue.getJob(ids[i] as string);
          throw new TaskFailedError(task, job?.attemptsMade ?? attempts, job?.failedReason ?? 'unknown');
        } else if (state === 'unknown') {
          options.onNote?.(`task ${task.id}: its job is gone from Redis (restarted?); enqueued it again`);
          await queue.add(task.kind, data(i), jobFor(ids[i] as string, task.kind, data(i)).opts);
        }
      }
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    return tasks.map((_, i) => results.get(i));
  }
}
