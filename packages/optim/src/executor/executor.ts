/**
 * One task abstraction for every study: an independent run described as plain data (a kind,
 * specs, data arrays, seeds — never code) and an {@link Executor} that runs a list of them,
 * in this thread, in a worker pool or on a job queue. Study code builds tasks and hands them to
 * whichever executor it was given; the handler that runs a kind is chosen by the executor's
 * side (its own table of built-in handlers), so a task cannot bring code with it.
 */
import type { Lens } from '@losslens/core';

/** One independent run as plain data. */
export interface ExecutorTask<Payload = unknown> {
  /** Unique within one `run` call, stable across runs of the same study (e.g. `seed:3`, `fold:2`). */
  id: string;
  /** The handler that runs it, e.g. `optim/fit` or `critical/run`. */
  kind: string;
  /** Plain data: specs, numbers, strings, typed arrays. */
  payload: Payload;
  /** Names of the non-built-in plugins its names resolve through; a worker without them refuses it. */
  plugins?: readonly string[];
}

/** What a handler gets besides the payload. */
export interface TaskContext {
  /** Resolves plugin names (models, optimizers, augmentations); undefined: built-ins only. */
  lens?: Lens;
  /** Reports progress within the task (e.g. epochs done of all), when its executor relays it. */
  progress?: (done: number, total: number) => void;
}

/** Runs one kind of task; returns plain data. */
export type TaskHandler = (payload: never, context: TaskContext) => Promise<unknown>;

/** Handlers by task kind. */
export type TaskHandlers = Readonly<Record<string, TaskHandler>>;

/** Options of {@link Executor.run}. */
export interface ExecutorRunOptions {
  /** Called once per task as it finishes (in finishing order), with how many are done. */
  onResult?: (task: ExecutorTask, result: unknown, done: number, total: number) => void;
  /** Called with a task's own progress (e.g. its epochs) while it runs, where the executor relays it. */
  onProgress?: (task: ExecutorTask, done: number, total: number) => void;
}

/**
 * Runs independent tasks and returns their results in task order. The results of a task do not
 * depend on which executor ran it.
 * @example
 * const [a, b] = await executor.run([{ id: 'seed:0', kind: 'optim/fit', payload: taskA }, { id: 'seed:1', kind: 'optim/fit', payload: taskB }]);
 */
export interface Executor {
  /** `in-process`, `worker-pool`, `queue`, … (shown to users). */
  readonly name: string;
  run(tasks: readonly ExecutorTask[], options?: ExecutorRunOptions): Promise<unknown[]>;
  /** Releases threads, connections (idempotent). */
  close(): Promise<void>;
}

/**
 * Throws when `tasks` repeats an id (results are collected by id).
 * @example
 * assertUniqueTaskIds(tasks);
 */
export function assertUniqueTaskIds(tasks: readonly ExecutorTask[]): void {
  const seen = new Set<string>();
  for (const task of tasks) {
    if (seen.has(task.id)) throw new Error(`two tasks share the id ${JSON.stringify(task.id)}; task ids must be unique in one run`);
    seen.add(task.id);
  }
}

/**
 * The handler for `task.kind`, or an error naming the task and the kinds that are known.
 * @example
 * const result = await handlerFor(handlers, task)(task.payload as never, { lens });
 */
export function handlerFor(handlers: TaskHandlers, task: ExecutorTask): TaskHandler {
  const handler = Object.prototype.hasOwnProperty.call(handlers, task.kind) ? handlers[task.kind] : undefined;
  if (handler === undefined) {
    throw new Error(`task ${task.id}: no handler for kind ${JSON.stringify(task.kind)} (this executor knows ${Object.keys(handlers).join(', ') || 'none'})`);
  }
  return handler;
}

/**
 * Throws when `task` names a plugin outside `loaded` (a worker refuses tasks for plugins it was
 * not started with).
 * @example
 * assertPluginsLoaded(task, new Set(['losslens-plugin-mine']));
 */
export function assertPluginsLoaded(task: ExecutorTask, loaded: ReadonlySet<string>): void {
  const missing = (task.plugins ?? []).filter((name) => !loaded.has(name));
  if (missing.length > 0) {
    throw new Error(
      `task ${task.id} names plugin${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which this worker was not started with (${[...loaded].join(', ') || 'no plugins'}); start the worker with --plugin for it`,
    );
  }
}

/**
 * A task that kept failing (a queue gives up after its tries): the study stops, naming the task.
 * @example
 * throw new TaskFailedError(task, 3, 'out of memory');
 */
export class TaskFailedError extends Error {
  override readonly name = 'TaskFailedError';
  constructor(
    readonly task: Pick<ExecutorTask, 'id' | 'kind'>,
    readonly attempts: number,
    readonly lastError: string,
  ) {
    super(`task ${task.id} (${task.kind}) failed ${attempts} times; last error: ${lastError}`);
  }
}
