import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEventChannel, initTensorflow, type LensEvent, type Model } from '@losslens/core';
import type { FitOptions, FitResult } from '@losslens/optim';
import { createModel, mse } from '@losslens/models';
import { crossValidate } from './cross-validate.js';
import { trainFoldsInPool } from './train-fold.js';
import { kFold } from './k-fold.js';
import { lineDataset } from './test-datasets.js';

beforeAll(async () => {
  await initTensorflow({ backend: 'cpu' });
});

/** A stand-in trainer: records what it was given and reports scripted losses. */
function recordingTrainer(validationLosses: number[]) {
  const calls: FitOptions[] = [];
  const trainer = async (options: FitOptions): Promise<FitResult> => {
    const k = calls.length;
    calls.push(options);
    return {
      theta: options.model.init(options.seed ?? 0),
      history: [{ epoch: 1, trainLoss: 0.5, gradientNorm: 1, learningRate: 0.1, updates: 1, msPerUpdate: 1, msPerEpoch: 1 }],
      stopReason: 'completed',
      bestEpoch: 1,
      updates: 1,
      initialLoss: 1,
      final: { train: { loss: validationLosses[k]! / 2 }, validation: { loss: validationLosses[k]! } },
      msTotal: 1,
    };
  };
  return { calls, trainer };
}

describe('crossValidate', () => {
  it('trains a fresh model per fold from its own seed on exactly the fold rows, and reports mean ± sample std', async () => {
    const dataset = lineDataset(10);
    const { calls, trainer } = recordingTrainer([1, 2, 3, 4, 10]);
    const events = createEventChannel();
    const seen: LensEvent[] = [];
    events.on((e) => seen.push(e));
    const result = await crossValidate({ model: 'linear', dataset, splitter: kFold({ folds: 5 }), fit: { epochs: 1, batchSize: 'full' }, trainer, events });
    expect(calls).toHaveLength(5);
    const models = new Set<Model>(calls.map((c) => c.model));
    expect(models.size).toBe(5);
    expect(new Set(calls.map((c) => c.seed)).size).toBe(5);
    expect(calls.every((c) => c.initialTheta === undefined)).toBe(true);
    // Fold 2 of KFold(5) on 10 rows validates rows 4 and 5.
    expect(Array.from(calls[2]!.validation!.features)).toEqual([dataset.features[4], dataset.features[5]]);
    expect(calls[2]!.train.n).toBe(8);
    expect(result.validationLosses).toEqual([1, 2, 3, 4, 10]);
    expect(result.mean).toBe(4);
    // numpy: np.std([1, 2, 3, 4, 10], ddof=1) = 3.5355339059327378
    expect(result.std).toBeCloseTo(3.5355339059327378, 14);
    expect(result.trainMean).toBe(2);
    expect(result.model).toBe('linear');
    expect(result.splitter).toBe('kfold(5)');
    const progress = seen.filter((e) => e.type === 'progress');
    expect(progress.map((e) => (e.type === 'progress' ? e.done : 0))).toEqual([1, 2, 3, 4, 5]);
    expect(progress[0]).toMatchObject({ task: 'cv linear', total: 5, message: 'fold 1: validation loss 1.000' });
  });

  it('with optim fit, matches the least-squares closed form on every fold and leaks no tensors', async () => {
    const dataset = lineDataset(24, { noise: 0.3, seed: 4 });
    const before = tf.memory().numTensors;
    const result = await crossValidate({
      model: 'linear',
      dataset,
      splitter: kFold({ folds: 4, shuffle: true, seed: 2 }),
      fit: { epochs: 60, batchSize: 'full', optimizer: 'sgd', learningRate: 0.4 },
      standardize: 'features', // least-squares predictions do not change under an affine map of x
    });
    expect(tf.memory().numTensors).toBe(before);
    const folds = kFold({ folds: 4, shuffle: true, seed: 2 }).split(24);
    folds.forEach((fold, k) => {
      // Ordinary least squares on the fold's training rows, then its validation MSE.
      const xs = fold.train.map((i) => dataset.features[i]!);
      const ys = fold.train.map((i) => dataset.targets[i]!);
      const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
      const my = ys.reduce((s, v) => s + v, 0) / ys.length;
      const slope = xs.reduce((s, v, j) => s + (v - mx) * (ys[j]! - my), 0) / xs.reduce((s, v) => s + (v - mx) ** 2, 0);
      const intercept = my - slope * mx;
      const mse = (rows: number[]) => rows.reduce((s, i) => s + (slope * dataset.features[i]! + intercept - dataset.targets[i]!) ** 2, 0) / rows.length;
      expect(result.folds[k]!.validationLoss).toBeCloseTo(mse(fold.validation), 4);
      expect(result.folds[k]!.trainLoss).toBeCloseTo(mse(fold.train), 4);
      expect(result.folds[k]!.validationRows).toBe(6);
    });
  });

  it('trains folds in worker threads with the same results as in this thread', async () => {
    const dataset = lineDataset(40, { noise: 0.3, seed: 5 });
    const common = {
      model: 'mlp:4:tanh',
      dataset,
      splitter: kFold({ folds: 3, shuffle: true, seed: 1 }),
      fit: { epochs: 5, batchSize: 8, optimizer: 'adam' as const, learningRate: 0.05 },
      standardize: 'features' as const,
      seed: 7,
    };
    const here = await crossValidate(common);
    const pooled = await crossValidate({ ...common, workers: 2 });
    // The pool is taken for a spec with plain fit options, and refused for what cannot cross threads.
    const folds = common.splitter.split(dataset.n);
    expect(await trainFoldsInPool({ ...common, workers: 2 }, folds, 7)).toHaveLength(3);
    expect(await trainFoldsInPool({ ...common, fit: { ...common.fit, loss: mse } }, folds, 7)).toBeUndefined();
    expect(await trainFoldsInPool({ ...common, model: () => createModel('linear', { inputShape: [1], outputs: 1 }) }, folds, 7)).toBeUndefined();
    expect(pooled.validationLosses).toEqual(here.validationLosses);
    expect(pooled.folds.map((f) => [f.seed, f.trainLoss, f.epochs])).toEqual(here.folds.map((f) => [f.seed, f.trainLoss, f.epochs]));
  });

  it('rejects more folds than rows with one line', async () => {
    await expect(
      crossValidate({ model: 'linear', dataset: lineDataset(3), splitter: kFold({ folds: 5 }), fit: { epochs: 1, batchSize: 'full' } }),
    ).rejects.toThrow(/^kFold: cannot split 3 rows into 5 folds \(need at least 5 rows\)$/);
  });

  it('rejects an unknown spec with one line', async () => {
    await expect(
      crossValidate({ model: 'transformer:9', dataset: lineDataset(10), splitter: kFold({ folds: 2 }), fit: { epochs: 1, batchSize: 'full' } }),
    ).rejects.toThrow(/transformer:9/);
  });
});
