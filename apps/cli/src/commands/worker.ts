import type { Command } from 'commander';
import * as tf from '@tensorflow/tfjs-core';
import { InputError } from '@losslens/core';
import { inProcessExecutor, pluginNames, workerPoolExecutor } from '@losslens/optim';
import { assertQueueReachable, startQueueWorker } from '@losslens/queue';
import type { CliIO } from '../command.js';
import { intFlag } from '../errors.js';
import { stopSignal } from '../interrupt.js';
import { openLens, pluginFlag } from '../lens.js';
import { builtinTaskHandlers, builtinTaskModules } from '../queue-option.js';

interface WorkerFlags {
  queue: string;
  concurrency: number;
  lockMs: number;
  backend?: string;
  plugin?: string[];
}

/** `losslens worker`: runs the tasks that study commands send with `--queue`, until SIGINT/SIGTERM. */
export function register(program: Command, io: CliIO): void {
  program
    .command('worker')
    .description('run the tasks studies send with --queue (cv, batch-study, critical-study, diagnose --seeds, learning-curve) on this machine, until stopped')
    .requiredOption('--queue <url>', 'the Redis of the queue: redis://HOST:PORT')
    .option('--concurrency <n>', 'tasks at once, each in its own worker thread; with --plugin only 1, in this process', intFlag('--concurrency', { min: 1 }), 1)
    .option('--lock-ms <n>', "a task whose worker stops answering for this long (killed, hung) is retried on another worker", intFlag('--lock-ms', { min: 500 }), 10_000)
    .option('--backend <name>', 'wasm | cpu | tensorflow (default: best available); tasks made on another backend are refused')
    .option(...pluginFlag)
    .action(async (flags: WorkerFlags) => {
      await assertQueueReachable(flags.queue);
      const lens = await openLens(flags, io);
      const plugins = pluginNames(lens);
      if (flags.concurrency > 1 && plugins.size > 0) {
        throw new InputError('E_USAGE', 'worker threads know only the built-ins: give --concurrency 1 with --plugin (and start one worker per core)', { flag: '--concurrency' });
      }
      // Tasks compute in worker threads, so this thread stays free to renew the jobs' locks in
      // Redis (a long synchronous Hessian would otherwise look like a dead worker); a plugin's
      // names resolve only here, so with --plugin tasks run in this thread.
      const local = plugins.size > 0
        ? inProcessExecutor({ handlers: builtinTaskHandlers, lens })
        : await workerPoolExecutor({ handlerModules: builtinTaskModules(), threads: flags.concurrency });
      const signal = stopSignal(io);
      const worker = await startQueueWorker({
        url: flags.queue,
        concurrency: flags.concurrency,
        local,
        plugins,
        backend: tf.getBackend(),
        lockDurationMs: flags.lockMs,
        onEvent: (event) => io.stderr(`${event.message}\n`),
      });
      await worker.ready;
      io.stderr(`worker ready: queue ${flags.queue}, backend ${tf.getBackend()}, concurrency ${flags.concurrency}, plugins: ${[...plugins].join(', ') || 'none'}\n`);
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
      await worker.close();
      io.stderr('worker stopped\n');
    });
}
