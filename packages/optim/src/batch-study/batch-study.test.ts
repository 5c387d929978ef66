import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createEventChannel, createRng, initTensorflow, type Dataset, type LensEvent } from '@losslens/core';
import { createModel } from '@losslens/models';
import { batchStudy } from './batch-study.js';

function blobs(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const features = new Float32Array(n * 3);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 3;
    for (let j = 0; j < 3; j++) features[3 * i + j] = (j === label ? 1.5 : 0) + 0.5 * rng.normal();
    targets[i] = label;
  }
  return {
    name: 'blobs', task: 'classification', n, featureShape: [3], features, targets, outputs: 3,
    featureNames: ['a', 'b', 'c'], targetName: 'k', classNames: ['0', '1', '2'], origin: 'test',
  };
}

describe('batchStudy', () => {
  beforeAll(async () => {
    await initTensorflow({ backend: 'cpu' });
  });

  it('reports updates per epoch = ⌈n/b⌉ per batch size, scales the rate, and agrees between worker threads and in-process for one seed', async () => {
    const train = blobs(48, 1);
    const validation = blobs(24, 2);
    const common = { model: 'mlp:6:tanh', train, validation, batchSizes: [4, 10, 'full'] as (number | 'full')[], epochs: 2, learningRate: 0.05, lrScaling: 'sqrt' as const, seed: 5 };
    const events = createEventChannel();
    const seen: LensEvent[] = [];
    events.on((e) => seen.push(e));
    const before = tf.memory().numTensors;
    const inProcess = await batchStudy({ ...common, workers: 1, events });
    expect(tf.memory().numTensors).toBe(before);
    const pooled = await batchStudy({ ...common, workers: 2 });
    expect(pooled.workers).toBe(2);
    expect(inProcess.runs.map((r) => [r.batchSize, r.requested, r.updatesPerEpoch])).toEqual([[4, 4, 12], [10, 10, 5], [48, 'full', 1]]);
    // sqrt scaling from the smallest batch size (4): 0.05·√(b/4)
    expect(inProcess.runs.map((r) => r.learningRate)).toEqual([0.05, 0.05 * Math.sqrt(10 / 4), 0.05 * Math.sqrt(12)].map((v) => expect.closeTo(v, 12)));
    for (const [i, run] of inProcess.runs.entries()) {
      const other = pooled.runs[i]!;
      expect(other.batchSize).toBe(run.batchSize);
      expect(other.train.loss).toBeCloseTo(run.train.loss, 6);
      expect(other.validation!.accuracy).toBeCloseTo(run.validation!.accuracy!, 6);
      expect(other.history.map((h) => h.trainLoss)).toEqual(run.history.map((h) => expect.closeTo(h.trainLoss, 6)));
      expect(run.msPerEpoch).toBeGreaterThan(0);
      expect(run.msPerUpdate).toBeCloseTo(run.msPerEpoch / run.updatesPerEpoch, 6);
    }
    expect(seen.filter((e) => e.type === 'progress' && e.task === 'batch-study').map((e) => (e as { done: number }).done)).toEqual([0, 1, 2, 3]);
  });

  it('calls measureSharpness with each final θ', async () => {
    const train = blobs(30, 3);
    const model = createModel('linear', { inputShape: [3], outputs: 3, task: 'classification' });
    const sizes: number[] = [];
    const { runs } = await batchStudy({
      model, train, batchSizes: [5, 'full'], epochs: 1, workers: 1,
      measureSharpness: (m, theta) => {
        sizes.push(theta.length);
        return { topEigenvalue: m.parameterCount, keskar: 0 };
      },
    });
    expect(sizes).toEqual([12, 12]);
    expect(runs[0]!.sharpness).toEqual({ topEigenvalue: 12, keskar: 0 });
    expect(runs[0]!.validation).toBeUndefined();
  });

  it('calls measureNoiseScale once, at the initial θ every trial starts from', async () => {
    const train = blobs(30, 3);
    const model = createModel('linear', { inputShape: [3], outputs: 3, task: 'classification' });
    const seen: Float32Array[] = [];
    const { noiseScale } = await batchStudy({
      model, train, batchSizes: [5, 10, 'full'], epochs: 1, workers: 1, seed: 4,
      measureNoiseScale: (_m, theta, data) => {
        seen.push(theta);
        return { bSimple: data.n, standardError: 0, finding: 'about 30' };
      },
    });
    expect(seen).toHaveLength(1);
    expect(Array.from(seen[0]!)).toEqual(Array.from(model.init(4)));
    expect(noiseScale).toEqual({ bSimple: 30, standardError: 0, finding: 'about 30' });
  });

  it('rejects bad batch sizes and a loss function that cannot reach the workers, naming the flag', async () => {
    const train = blobs(12, 4);
    await expect(batchStudy({ model: 'linear', train, batchSizes: [0], epochs: 1 })).rejects.toThrow(
      '--batch-sizes: batch sizes must be whole numbers ≥ 1 or "full", got 0',
    );
    await expect(batchStudy({ model: 'linear', train, batchSizes: [2, 4], epochs: 1, workers: 2, loss: () => tf.scalar(0) })).rejects.toThrow(
      'batchStudy: a custom loss function cannot be sent to worker threads; pass workers: 1',
    );
    await expect(batchStudy({ model: 'linear', train, batchSizes: [2], epochs: 1, lrScaling: 'cubic' as never })).rejects.toThrow(
      '--lr-scaling: unknown learning-rate scaling "cubic"; choose one of none, linear, sqrt',
    );
  });
});
