import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow, type Dataset } from '@losslens/core';
import { createModel, mse } from '@losslens/models';
import { finiteDifferenceGradient } from '@losslens/testing';
import { toTensors } from '@losslens/data';
import { criticalCheck, gradientFlow, sampleRows } from './curvature.js';

const xs = [-1.5, -0.5, 0.25, 1, 2];
const data: Dataset = {
  name: 'line', task: 'regression', n: xs.length, featureShape: [1], features: Float32Array.from(xs),
  targets: Float32Array.from(xs, (x) => 0.5 * x - 0.2 + 0.1 * Math.sin(7 * x)), outputs: 1,
  featureNames: ['x'], targetName: 'y', origin: 'test',
};

beforeAll(async () => {
  await initTensorflow({ backend: 'wasm' });
});

describe('curvature checks', () => {
  it('criticalCheck on a linear model finds the closed-form Hessian (2/N)·[[Σx², Σx], [Σx, N]]', () => {
    const model = createModel('linear', { inputShape: [1], outputs: 1, task: 'regression' });
    const before = tf.memory().numTensors;
    const { summary } = criticalCheck(model, model.init(0), data, mse, { fullLimit: 10, seed: 0 });
    expect(tf.memory().numTensors).toBe(before);
    const n = xs.length;
    const sxx = xs.reduce((s, x) => s + x * x, 0);
    const sx = xs.reduce((s, x) => s + x, 0);
    const [a, b, d] = [(2 / n) * sxx, (2 / n) * sx, 2];
    const mid = (a + d) / 2;
    const r = Math.sqrt(((a - d) / 2) ** 2 + b * b);
    expect(summary.minEigenvalue).toBeCloseTo(mid - r, 4);
    expect(summary.maxEigenvalue).toBeCloseTo(mid + r, 4);
    expect(summary.minimumRatio).toBe(1);
    expect(summary.flatDirections).toBe(0); // both eigenvalues far outside the zero band
    expect(summary.parameters).toBe(2);
  });

  it('gradientFlow reports each kernel block\'s RMS gradient, equal to finite differences', () => {
    const model = createModel('mlp:3x3:tanh', { inputShape: [1], outputs: 1, task: 'regression' });
    const theta = model.init(4);
    const flow = gradientFlow(model, theta, data, mse)!;
    const loss = (t: Float32Array) =>
      tf.tidy(() => {
        const { x, y } = toTensors(data);
        return mse(model.apply(tf.tensor1d(t), x), y).dataSync()[0]!;
      });
    const g = finiteDifferenceGradient(loss, theta);
    const kernels = model.layout.filter((b) => /kernel/.test(b.name));
    expect(flow.layers.map((l) => l.name)).toEqual(kernels.map((k) => k.name));
    for (const [i, k] of kernels.entries()) {
      let s = 0;
      for (let j = k.offset; j < k.offset + k.size; j++) s += g[j]! ** 2;
      expect(flow.layers[i]!.norm).toBeCloseTo(Math.sqrt(s / k.size), 3);
    }
    expect(flow.firstToLast).toBeCloseTo(flow.layers[0]!.norm / flow.layers[kernels.length - 1]!.norm, 10);
    expect(gradientFlow(createModel('linear', { inputShape: [1], outputs: 1 }), Float32Array.of(0, 0), data, mse)).toBeUndefined();
  });

  it('sampleRows takes a seeded subset in file order, or everything when small', () => {
    const big: Dataset = { ...data, n: 10, features: Float32Array.from({ length: 10 }, (_, i) => i), targets: new Float32Array(10) };
    const a = sampleRows(big, 4, 1);
    expect(a.n).toBe(4);
    expect(Array.from(a.features)).toEqual([...a.features].sort((p, q) => p - q));
    expect(Array.from(sampleRows(big, 4, 1).features)).toEqual(Array.from(a.features));
    expect(sampleRows(data, 100, 1)).toBe(data);
  });
});
