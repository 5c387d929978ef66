import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorflow } from '@losslens/core';
import type { FitOptions, FitResult } from '@losslens/optim';
import { kFold } from './k-fold.js';
import { learningCurve, trainingSizes } from './learning-curve.js';
import { lineDataset } from './test-datasets.js';

beforeAll(async () => {
  await initTensorflow({ backend: 'cpu' });
});

describe('trainingSizes (scikit-learn _translate_train_sizes)', () => {
  it('truncates fractions, clips to 1, drops duplicates', () => {
    // sklearn 1.2.1: [8 26 44 62 80], [1 2 4 6 9], [1 25]
    expect(trainingSizes([0.1, 0.325, 0.55, 0.775, 1], 80)).toEqual([8, 26, 44, 62, 80]);
    expect(trainingSizes([0.1, 0.325, 0.55, 0.775, 1], 9)).toEqual([1, 2, 4, 6, 9]);
    expect(trainingSizes([0.01, 0.5], 50)).toEqual([1, 25]);
    expect(trainingSizes([5, 10], 50)).toEqual([5, 10]);
  });
  it('rejects sizes beyond the training rows and non-positive sizes with one line', () => {
    expect(() => trainingSizes([5, 60], 50)).toThrow(/^--sizes: learningCurve: size 60 exceeds the 50 training rows of the smallest fold$/);
    expect(() => trainingSizes([0], 50)).toThrow('--sizes: learningCurve: sizes must be > 0, got 0');
  });
});

describe('learningCurve', () => {
  it('trains on nested prefixes of each fold (no shuffle: the first rows, as scikit-learn)', async () => {
    const seen: { fold: number[]; n: number; first: number }[] = [];
    const trainer = async (options: FitOptions): Promise<FitResult> => {
      seen.push({ fold: [], n: options.train.n, first: options.train.features[0]! });
      return {
        theta: options.model.init(0),
        history: [],
        stopReason: 'completed',
        bestEpoch: 0,
        updates: 0,
        initialLoss: 1,
        final: { train: { loss: 1 / options.train.n }, validation: { loss: 2 / options.train.n } },
        msTotal: 0,
      };
    };
    const dataset = lineDataset(20);
    const curve = await learningCurve({
      model: 'linear', dataset, splitter: kFold({ folds: 2 }), sizes: [0.2, 0.5, 1], shuffle: false,
      fit: { epochs: 1, batchSize: 'full' }, trainer,
    });
    expect(seen.map((s) => s.n)).toEqual([2, 5, 10, 2, 5, 10]);
    // Fold 0 trains on rows 10..19, fold 1 on rows 0..9: prefixes start at rows 10 and 0.
    expect(seen.map((s) => s.first)).toEqual([dataset.features[10], dataset.features[10], dataset.features[10], dataset.features[0], dataset.features[0], dataset.features[0]]);
    expect(curve.points.map((p) => p.x)).toEqual([2, 5, 10]);
    expect(curve.points.map((p) => p.validationMean)).toEqual([1, 0.4, 0.2]);
    expect(curve.best).toBe(2);
    expect(curve.gap).toEqual({ first: 0.5, last: 0.1 });
    expect(curve.validationImprovement).toBeCloseTo(0.8, 14);
    expect(curve.gapShrink).toBeCloseTo(0.8, 14);
  });

  it('with optim fit, each point equals least squares on the prefix rows, and no tensors leak', async () => {
    const dataset = lineDataset(16, { noise: 0.4, seed: 9 });
    const before = tf.memory().numTensors;
    const curve = await learningCurve({
      model: 'linear', dataset, splitter: kFold({ folds: 2 }), sizes: [4, 8], shuffle: false,
      fit: { epochs: 60, batchSize: 'full', optimizer: 'sgd', learningRate: 0.4 },
      standardize: 'features', // least-squares predictions do not change under an affine map of x
    });
    expect(tf.memory().numTensors).toBe(before);
    const folds = kFold({ folds: 2 }).split(16);
    [4, 8].forEach((size, s) => {
      folds.forEach((fold, k) => {
        const rows = fold.train.slice(0, size);
        const xs = rows.map((i) => dataset.features[i]!);
        const ys = rows.map((i) => dataset.targets[i]!);
        const mx = xs.reduce((a, v) => a + v, 0) / xs.length;
        const my = ys.reduce((a, v) => a + v, 0) / ys.length;
        const slope = xs.reduce((a, v, j) => a + (v - mx) * (ys[j]! - my), 0) / xs.reduce((a, v) => a + (v - mx) ** 2, 0);
        const mse = (idx: number[]) => idx.reduce((a, i) => a + (slope * (dataset.features[i]! - mx) + my - dataset.targets[i]!) ** 2, 0) / idx.length;
        expect(curve.points[s]!.validationLosses[k]).toBeCloseTo(mse(fold.validation), 3);
        expect(curve.points[s]!.trainLosses[k]).toBeCloseTo(mse(rows), 3);
      });
    });
  });
});
