import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow, type Dataset } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { createModel } from '@losslens/models';
import { inProcessExecutor, optimTaskModule, workerPoolExecutor } from '@losslens/optim';
import { criticalStudy } from './critical-study.js';
import { criticalTaskModule, taskHandlers } from './tasks.js';

let train: Dataset;
beforeAll(async () => {
  await initTensorflow({ backend: 'wasm' });
  const { truth: _truth, ...plain } = makeCurve({ n: 16, seed: 4 }) as Dataset & { truth?: unknown };
  train = plain;
});

describe('critical/run tasks', () => {
  it('a study through an in-process or worker-pool executor equals the study in this thread, point for point and θ for θ', async () => {
    const model = createModel('mlp:2:tanh', { inputShape: [1], outputs: 1, task: 'regression' });
    const options = { model, train, seeds: [0, 1], fit: { epochs: 40 }, polish: { steps: 3 } };
    const before = tf.memory().numTensors;
    const direct = await criticalStudy(options);
    const local = await criticalStudy({ ...options, executor: inProcessExecutor({ handlers: taskHandlers }) });
    const pool = await workerPoolExecutor({ handlerModules: [optimTaskModule(), criticalTaskModule()], threads: 2 });
    const pooled = await criticalStudy({ ...options, executor: pool });
    await pool.close();
    expect(tf.memory().numTensors).toBe(before);
    expect(local.points).toEqual(direct.points);
    expect(pooled.points).toEqual(direct.points);
    expect(pooled.thetas.map((t) => Array.from(t))).toEqual(direct.thetas.map((t) => Array.from(t)));
    expect(direct.points.map((p) => p.seed)).toEqual([0, 1]);
  });
});
