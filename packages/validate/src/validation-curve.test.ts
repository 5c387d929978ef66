import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorflow } from '@losslens/core';
import type { FitOptions, FitResult } from '@losslens/optim';
import { curveChart, curveSpec } from './curve.js';
import { kFold } from './k-fold.js';
import { validationCurve } from './validation-curve.js';
import { lineDataset, sineDataset } from './test-datasets.js';

beforeAll(async () => {
  await initTensorflow({ backend: 'cpu' });
});

describe('validationCurve', () => {
  it('marks the bottom of the validation U and uses parameter counts as x', async () => {
    const validation: Record<string, number> = { linear: 0.5, 'mlp:4:relu': 0.2, 'mlp:32:relu': 0.4 };
    const trainer = async (options: FitOptions): Promise<FitResult> => ({
      theta: options.model.init(0),
      history: [],
      stopReason: 'completed',
      bestEpoch: 0,
      updates: 0,
      initialLoss: 1,
      final: { train: { loss: 1 / options.model.parameterCount }, validation: { loss: validation[options.model.spec]! } },
      msTotal: 0,
    });
    const curve = await validationCurve({ models: ['linear', 'mlp:4:relu', 'mlp:32:relu'], dataset: lineDataset(10), splitter: kFold({ folds: 2 }), fit: { epochs: 1, batchSize: 'full' }, trainer });
    // 1 input, 1 output: linear 2 parameters; mlp:4 = 4·1+4 + 4+1 = 13; mlp:32 = 64 + 33 = 97.
    expect(curve.points.map((p) => p.x)).toEqual([2, 13, 97]);
    expect(curve.best).toBe(1);
    expect(curve.selected).toBe('mlp:4:relu');
    const chart = curveChart(curve);
    expect(chart.marks).toEqual([{ x: 13, label: 'best: mlp:4:relu' }]);
    expect(chart.x.scale).toBe('log'); // 97 / 2 > 20
    expect(chart.series[1]!.points).toEqual([[2, 0.5], [13, 0.2], [97, 0.4]]);
    const spec = curveSpec(curve) as { layer: unknown[] };
    expect(spec.layer).toHaveLength(3);
  });

  it('with optim fit, training loss falls from linear to an MLP on a sine curve, without leaks', async () => {
    const before = tf.memory().numTensors;
    const curve = await validationCurve({
      models: ['linear', 'mlp:16:tanh'],
      dataset: sineDataset(40, 5),
      splitter: kFold({ folds: 2, shuffle: true, seed: 3 }),
      fit: { epochs: 80, batchSize: 'full', optimizer: 'adam', learningRate: 0.08 },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(curve.points[1]!.trainMean).toBeLessThan(curve.points[0]!.trainMean / 3);
    expect(curve.selected).toBe('mlp:16:tanh');
  });

  it('rejects an empty model list and mismatched complexity values', async () => {
    await expect(validationCurve({ models: [], dataset: lineDataset(4), fit: { epochs: 1, batchSize: 'full' } })).rejects.toThrow(
      /^validationCurve: the model list is empty; give at least one model$/,
    );
    await expect(
      validationCurve({ models: ['linear'], complexity: [1, 2], dataset: lineDataset(4), fit: { epochs: 1, batchSize: 'full' } }),
    ).rejects.toThrow('validationCurve: 2 complexity values for 1 models');
  });
});
