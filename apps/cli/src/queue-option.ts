/**
 * `--queue URL` for the study commands and the task handlers a `losslens worker` knows, in one
 * place: a command adds {@link queueFlag} and spreads `await queueExecutorOption(flags, io)` into
 * its study's options; the study then hands its runs to the queue's workers instead of running
 * them here, with the same results.
 */
import * as tf from '@tensorflow/tfjs-core';
import { criticalTaskHandlers, criticalTaskModule } from '@losslens/critical';
import { optimTaskHandlers, optimTaskModule, type Executor, type TaskHandlers } from '@losslens/optim';
import { assertQueueReachable, queueExecutor } from '@losslens/queue';
import type { CliIO } from './command.js';

/** The `--queue` option of the study commands. */
export const queueFlag = [
  '--queue <url>',
  "run the study's independent runs on the workers of a BullMQ queue in Redis (redis://HOST:PORT; start them with `losslens worker --queue URL`); same results as here",
] as const;

/** Every built-in task kind a worker can run (optim/fit, critical/run). */
export const builtinTaskHandlers: TaskHandlers = { ...optimTaskHandlers, ...criticalTaskHandlers };

/** The modules of {@link builtinTaskHandlers}, for a worker pool. */
export function builtinTaskModules(): URL[] {
  return [optimTaskModule(), criticalTaskModule()];
}

/**
 * `{ executor }` on the queue at `flags.queue` (checked reachable, else one exit-2 line naming
 * `--queue`), or `{}` without `--queue`. Call it after the backend is set (the lens is open):
 * tasks carry the backend, and workers on another one refuse them.
 * @example
 * await crossValidate({ ...options, ...(await queueExecutorOption(flags, io)) });
 */
export async function queueExecutorOption(flags: { queue?: string }, io: CliIO): Promise<{ executor?: Executor }> {
  if (flags.queue === undefined) return {};
  await assertQueueReachable(flags.queue);
  const executor = await queueExecutor({ url: flags.queue, backend: tf.getBackend(), onNote: (message) => io.stderr(`losslens: ${message}\n`) });
  io.stderr(`losslens: runs go to the queue at ${flags.queue} (workers: losslens worker --queue ${flags.queue})\n`);
  return { executor };
}
