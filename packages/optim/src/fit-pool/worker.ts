/**
 * The piscina worker of {@link fitMany}: starts the backend once, then runs tasks.
 * Loaded as TypeScript (through tsx) from sources and as JavaScript from `dist`.
 */
import { initTensorflow } from '@losslens/core';
import type { FitResult } from '../fit/fit.js';
import type { MessagePort } from 'node:worker_threads';
import { epochEvents, runFitTask, type FitTask } from './fit-task.js';

let ready: Promise<unknown> | undefined;
let readyBackend: string | undefined;

/**
 * Runs one task in a worker thread on `backend`, posting each finished epoch to `epochs` when given.
 * @example
 * // piscina: pool.run({ task, backend: 'wasm' })
 */
export default async function runInWorker(message: { task: FitTask; backend: string; epochs?: MessagePort }): Promise<FitResult> {
  if (ready === undefined || readyBackend !== message.backend) {
    readyBackend = message.backend;
    ready = initTensorflow({ backend: message.backend });
  }
  await ready;
  const port = message.epochs;
  try {
    return await runFitTask(message.task, undefined, port === undefined ? undefined : epochEvents((epoch) => port.postMessage(epoch)));
  } finally {
    port?.close();
  }
}
