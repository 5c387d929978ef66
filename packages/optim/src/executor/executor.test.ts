import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow, type Dataset } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import type { FitResult } from '../fit/fit.js';
import { sharedDataset } from '../worker-pool.js';
import { runFitTask, type FitTask } from '../fit-pool/fit-task.js';
import { optimTaskModule, taskHandlers } from '../fit-pool/tasks.js';
import { inProcessExecutor } from './in-process.js';
import { workerPoolExecutor } from './worker-pool.js';
import type { ExecutorTask } from './executor.js';

let train: Dataset;
beforeAll(async () => {
  await initTensorflow({ backend: 'wasm' });
  train = sharedDataset(makeCurve({ n: 48, seed: 1 })); // plain data: no truth function
});

const fitTask = (seed: number): ExecutorTask<FitTask> => ({
  id: `seed:${seed}`,
  kind: 'optim/fit',
  payload: { model: 'mlp:4:tanh', train, optimizer: 'adam', learningRate: 0.01, epochs: 3, batchSize: 16, seed },
});

describe('executors', () => {
  it('in-process and worker-pool executors return what a direct run returns, in task order, reporting each result once', async () => {
    const tasks = [fitTask(0), fitTask(1), fitTask(2)];
    const before = tf.memory().numTensors;
    const direct = [];
    for (const t of tasks) direct.push(await runFitTask(t.payload));
    const seen: string[] = [];
    const local = (await inProcessExecutor({ handlers: taskHandlers }).run(tasks, { onResult: (t) => seen.push(t.id) })) as FitResult[];
    const pool = await workerPoolExecutor({ handlerModules: [optimTaskModule()], threads: 2 });
    const pooled = (await pool.run(tasks)) as FitResult[];
    await pool.close();
    await pool.close();
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual(['seed:0', 'seed:1', 'seed:2']);
    for (let i = 0; i < tasks.length; i++) {
      expect(Array.from(local[i]!.theta)).toEqual(Array.from(direct[i]!.theta));
      expect(Array.from(pooled[i]!.theta)).toEqual(Array.from(direct[i]!.theta));
    }
  });

  it('refuses unknown kinds, repeated ids and plugins it does not have, naming the task', async () => {
    const executor = inProcessExecutor({ handlers: taskHandlers });
    await expect(executor.run([{ ...fitTask(0), kind: 'eval/code' }])).rejects.toThrow(/task seed:0: no handler for kind "eval\/code"/);
    await expect(executor.run([fitTask(0), fitTask(0)])).rejects.toThrow(/two tasks share the id "seed:0"/);
    await expect(executor.run([{ ...fitTask(1), plugins: ['losslens-plugin-evil'] }])).rejects.toThrow(/task seed:1 names plugin losslens-plugin-evil, which this worker was not started with/);
  });
});
