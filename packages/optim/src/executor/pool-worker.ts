/**
 * The piscina worker of {@link workerPoolExecutor}: starts the backend once, loads the handler
 * modules it is told (local module files chosen by the executor's creator, never by a task), and
 * runs tasks. Loaded as TypeScript (through tsx) from sources and as JavaScript from `dist`.
 */
import type { MessagePort } from 'node:worker_threads';
import { initTensorflow } from '@losslens/core';
import { handlerFor, type ExecutorTask, type TaskHandlers } from './executor.js';

let ready: Promise<unknown> | undefined;
let readyBackend: string | undefined;
const loaded = new Map<string, Promise<TaskHandlers>>();

/** Imports a handler module; a `.ts` one (sources, in tests) through tsx, which a plain dynamic import in a thread does not reach. */
async function importModule(href: string): Promise<unknown> {
  if (!href.endsWith('.ts')) return import(href);
  const tsxApi = 'tsx/esm/api';
  const { tsImport } = (await import(tsxApi)) as { tsImport: (specifier: string, parent: string) => Promise<unknown> };
  return tsImport(href, import.meta.url);
}

async function handlersOf(modules: readonly string[]): Promise<TaskHandlers> {
  const key = modules.join('\n');
  let handlers = loaded.get(key);
  if (handlers === undefined) {
    handlers = Promise.all(modules.map(async (href) => ((await importModule(href)) as { taskHandlers: TaskHandlers }).taskHandlers)).then((all) => Object.assign({}, ...all) as TaskHandlers);
    loaded.set(key, handlers);
  }
  return handlers;
}

/**
 * Runs one task in a worker thread on `backend`, posting its own progress to `progress` when given.
 * @example
 * // piscina: pool.run({ task, modules: [optimTaskModule().href], backend: 'wasm' })
 */
export default async function runPooledTask(message: { task: ExecutorTask; modules: readonly string[]; backend: string; progress?: MessagePort }): Promise<unknown> {
  if (ready === undefined || readyBackend !== message.backend) {
    readyBackend = message.backend;
    ready = initTensorflow({ backend: message.backend });
  }
  await ready;
  const handlers = await handlersOf(message.modules);
  const port = message.progress;
  try {
    return await handlerFor(handlers, message.task)(message.task.payload as never, port ? { progress: (done, total) => port.postMessage([done, total]) } : {});
  } finally {
    port?.close();
  }
}
