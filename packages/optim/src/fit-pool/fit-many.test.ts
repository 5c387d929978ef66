import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createEventChannel, initTensorflow, type Dataset, type LensEvent } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { createModel, l2Penalty } from '@losslens/models';
import { fit } from '../fit/fit.js';
import { fitMany } from './fit-many.js';
import type { FitTask } from './fit-task.js';

let train: Dataset;
let validation: Dataset;
beforeAll(async () => {
  await initTensorflow({ backend: 'wasm' });
  train = makeCurve({ n: 120, seed: 1 });
  validation = makeCurve({ n: 40, seed: 2 });
});

const task = (model: string, extra: Partial<FitTask> = {}): FitTask => ({
  model,
  train,
  validation,
  optimizer: 'adam',
  learningRate: 0.01,
  epochs: 4,
  batchSize: 16,
  seed: 3,
  ...extra,
});

describe('fitMany', () => {
  it('trains in worker threads exactly as in this thread, in task order, with progress', async () => {
    const tasks = [task('mlp:8:relu'), task('linear'), task('mlp:4x4:tanh', { l2: 1e-2, earlyStopping: { patience: 1 } })];
    const seen: LensEvent[] = [];
    const events = createEventChannel();
    events.on((e) => seen.push(e));
    const before = tf.memory().numTensors;
    const pooled = await fitMany(tasks, { workers: 2, events, progressTask: 'runs' });
    const local = await fitMany(tasks, { workers: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(pooled.map((r) => r.theta.length)).toEqual([8 + 8 + 8 + 1, 2, 4 + 4 + 16 + 4 + 4 + 1]);
    for (let i = 0; i < tasks.length; i++) {
      expect(Array.from(pooled[i]!.theta)).toEqual(Array.from(local[i]!.theta));
      expect(pooled[i]!.history.map((h) => h.trainLoss)).toEqual(local[i]!.history.map((h) => h.trainLoss));
    }
    // one event per epoch of any run: epochs of all runs together, out of their sum; a run that
    // stops early (the third, patience 1) counts whole when it ends
    const progress = seen.filter((e) => e.type === 'progress') as { done: number; total: number; message?: string }[];
    const total = tasks.reduce((n, t) => n + t.epochs, 0);
    expect(progress.every((e) => e.total === total)).toBe(true);
    const done = progress.map((e) => e.done);
    expect(done.every((d, i) => i === 0 || d > done[i - 1]!)).toBe(true);
    expect(done.at(-1)).toBe(total);
    expect(progress.length).toBeGreaterThan(tasks.length);
    expect(progress.filter((e) => / runs done$/.test(e.message ?? '')).map((e) => e.message).at(-1)).toBe('epochs, 3 of 3 runs done');
    const localSeen: number[] = [];
    const localEvents = createEventChannel();
    localEvents.on((e) => e.type === 'progress' && localSeen.push(e.done));
    await fitMany(tasks, { workers: 1, events: localEvents });
    expect(localSeen.at(-1)).toBe(total);
    expect(localSeen.length).toBe(progress.length);
  });

  it('a task equals a direct fit with the same settings (l2 as a regularizer)', async () => {
    const [viaTask] = await fitMany([task('mlp:4:tanh', { l2: 1e-2 })], { workers: 1 });
    const model = createModel('mlp:4:tanh', { inputShape: [1], outputs: 1, task: 'regression' });
    const direct = await fit({
      model, train, validation, optimizer: 'adam', learningRate: 0.01, epochs: 4, batchSize: 16, seed: 3,
      regularizer: (theta) => l2Penalty(theta, 1e-2),
    });
    expect(Array.from(viaTask!.theta)).toEqual(Array.from(direct.theta));
  });
});
