import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Dataset } from '@losslens/core';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { recordHealth, targetVariance } from './record-health.js';
import { SATURATED_ROW_SHARE } from './signals.js';

function regression(n: number, seed: number, scale = 1): Dataset {
  const rng = createRng(seed);
  const features = Float32Array.from({ length: n * 2 }, () => scale * rng.normal());
  const targets = Float32Array.from({ length: n }, (_, i) => Math.sin(features[2 * i]!) + 0.5 * features[2 * i + 1]!);
  return { name: 'reg', task: 'regression', n, featureShape: [2], features, targets, outputs: 1, featureNames: ['a', 'b'], targetName: 'y', origin: 'test' };
}

/** mlp:H:act on 2 inputs, 1 output, written out in float64 from θ's layout [W1 2×H, b1 H, W2 H×1, b2]. */
function forward64(theta: ArrayLike<number>, ds: Dataset, rows: number, hidden: number, act: (z: number) => number) {
  const w2 = 2 * hidden + hidden;
  const hiddenOut: number[][] = [];
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const x = [ds.features[2 * i]!, ds.features[2 * i + 1]!];
    const h = Array.from({ length: hidden }, (_, j) => act(x[0]! * theta[j]! + x[1]! * theta[hidden + j]! + theta[2 * hidden + j]!));
    hiddenOut.push(h);
    const out = h.reduce((s, v, j) => s + v * theta[w2 + j]!, 0) + theta[w2 + hidden]!;
    loss += (out - ds.targets[i]!) ** 2;
  }
  return { loss: loss / rows, hidden: hiddenOut };
}

const relu = (z: number) => Math.max(0, z);
const blocksOf = (hidden: number) => [
  { offset: 0, size: 2 * hidden },
  { offset: 2 * hidden, size: hidden },
  { offset: 3 * hidden, size: hidden },
  { offset: 4 * hidden, size: 1 },
];
const norm = (v: ArrayLike<number>, offset: number, size: number) => Math.sqrt(Array.from({ length: size }, (_, k) => (v[offset + k] as number) ** 2).reduce((a, b) => a + b, 0));

describeBackends('recordHealth', () => {
  it('records probe loss, per-block gradient and weight norms, update ratios and dead ReLU shares equal to a float64 computation', async () => {
    const hidden = 4;
    const train = regression(32, 1);
    const model = createModel(`mlp:${hidden}:relu`, { inputShape: [2], outputs: 1, task: 'regression' });
    const thetas: Float32Array[] = [];
    const updates: Float32Array[][] = [[]];
    const probe = { beforeEpoch: ({ epoch, theta }: { epoch: number; theta: tf.Tensor1D }) => void (epoch === 1 && thetas.push(Float32Array.from(theta.dataSync()))),
      afterBatch: ({ theta }: { theta: tf.Tensor1D }) => void updates.at(-1)!.push(Float32Array.from(theta.dataSync())),
      afterEpoch: ({ theta }: { theta: tf.Tensor1D }) => { thetas.push(Float32Array.from(theta.dataSync())); updates.push([]); } };
    const signals = await expectNoLeaks(async () => {
      const recorder = recordHealth({ model, probe: train, probeRows: 20 });
      const result = await fit({ model, train, optimizer: 'sgd', learningRate: 0.05, epochs: 3, batchSize: 8, seed: 2, hooks: [probe, recorder.hooks] });
      return recorder.finish(result);
    });
    expect(signals.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    expect(signals.probeRows).toBe(20);
    const y = Array.from(train.targets.subarray(0, 20));
    const mean = y.reduce((a, b) => a + b, 0) / 20;
    expect(signals.targetVariance).toBeCloseTo(y.reduce((a, b) => a + (b - mean) ** 2, 0) / 20, 6);
    expect(signals.targetVariance).toBeCloseTo(targetVariance(train, 20), 10);
    expect(signals.targetMeanSquare).toBeCloseTo(mean ** 2, 6);
    const blocks = blocksOf(hidden);
    for (const [e, signal] of signals.epochs.entries()) {
      const theta = Array.from(thetas[e]!);
      const reference = forward64(theta, train, 20, hidden, relu);
      expect(signal.probeLoss).toBeCloseTo(reference.loss, 4);
      // Central differences of the float64 probe loss, per block.
      const gradient = theta.map((_, k) => {
        const h = 1e-6;
        const plus = [...theta]; plus[k]! += h;
        const minus = [...theta]; minus[k]! -= h;
        return (forward64(plus, train, 20, hidden, relu).loss - forward64(minus, train, 20, hidden, relu).loss) / (2 * h);
      });
      signal.blocks.forEach((b, i) => {
        const { offset, size } = blocks[i]!;
        expect(b.gradientNorm).toBeCloseTo(norm(gradient, offset, size), 3);
        expect(b.weightNorm).toBeCloseTo(norm(theta, offset, size), 4);
        expect(b.finite).toBe(true);
        if (e === 0) expect(b.updateRatio).toBeNaN();
        else {
          // Ratio of means over the epoch's 4 updates: Σ‖θ_t − θ_{t−1}‖ / Σ‖θ_{t−1}‖.
          const path = [thetas[e - 1]!, ...updates[e - 1]!];
          let d = 0;
          let w = 0;
          for (let t = 1; t < path.length; t++) {
            d += norm(path[t]!.map((v, k) => v - path[t - 1]![k]!), offset, size);
            w += norm(path[t - 1]!, offset, size);
          }
          expect(path.length).toBe(5);
          expect(b.updateRatio).toBeCloseTo(d / w, 4);
        }
      });
      expect(signal.blocks.map((b) => b.weight)).toEqual([true, false, true, false]);
      const dead = Array.from({ length: hidden }, (_, j) => reference.hidden.every((h) => h[j]! <= 0)).filter(Boolean).length / hidden;
      expect(signal.activations).toEqual([{ layer: 'dense_1', activation: 'relu', units: hidden, deadShare: dead }]);
    }
    expect(signals.epochs[3]!.trainLoss).toBeGreaterThan(0);
  });

  it('counts dead ReLU units on the probe rows', async () => {
    const hidden = 6;
    const train = regression(40, 5);
    const model = createModel(`mlp:${hidden}:relu`, { inputShape: [2], outputs: 1, task: 'regression' });
    const theta0 = model.init(2);
    theta0.set([-6, -6, -6, -0.5, 0, 0], 2 * hidden); // dense_1/bias
    const signals = await expectNoLeaks(async () => {
      const recorder = recordHealth({ model, probe: train });
      const result = await fit({ model, train, optimizer: 'sgd', learningRate: 1e-6, epochs: 1, batchSize: 'full', initialTheta: theta0, hooks: recorder.hooks });
      return recorder.finish(result);
    });
    const reference = forward64(Array.from(theta0), train, 40, hidden, relu);
    const dead = Array.from({ length: hidden }, (_, j) => reference.hidden.every((h) => h[j]! <= 0)).filter(Boolean).length / hidden;
    expect(dead).toBeGreaterThanOrEqual(0.5);
    expect(signals.epochs[0]!.activations[0]!.deadShare).toBeCloseTo(dead, 10);
  });

  it('counts saturated tanh units on the probe rows', async () => {
    const hidden = 6;
    const train = regression(40, 3, 1);
    const model = createModel(`mlp:${hidden}:tanh`, { inputShape: [2], outputs: 1, task: 'regression' });
    const theta0 = model.init(1).map((v, k) => (k < 2 * hidden ? v * (k % 2 === 0 ? 40 : 0.01) : v));
    const signals = await expectNoLeaks(async () => {
      const recorder = recordHealth({ model, probe: train });
      const result = await fit({ model, train, optimizer: 'sgd', learningRate: 1e-4, epochs: 1, batchSize: 'full', initialTheta: theta0, hooks: recorder.hooks });
      return recorder.finish(result);
    });
    const reference = forward64(Array.from(theta0), train, 40, hidden, Math.tanh);
    const saturated = Array.from({ length: hidden }, (_, j) => reference.hidden.filter((h) => Math.abs(h[j]!) > 0.99).length / 40 >= SATURATED_ROW_SHARE).filter(Boolean).length / hidden;
    expect(saturated).toBeGreaterThan(0);
    expect(signals.epochs[0]!.activations[0]!.saturatedShare).toBeCloseTo(saturated, 6);
  });

  it('records the epoch a run diverged in, and non-finite blocks when training goes on', async () => {
    const train = regression(32, 4, 30);
    const model = createModel('mlp:8x8:relu', { inputShape: [2], outputs: 1, task: 'regression' });
    await expectNoLeaks(async () => {
      const recorder = recordHealth({ model, probe: train });
      const result = await fit({ model, train, optimizer: 'sgd', learningRate: 5, epochs: 20, batchSize: 'full', hooks: recorder.hooks });
      expect(result.stopReason).toBe('diverged');
      const signals = await recorder.finish(result);
      expect(signals.epochs.map((e) => e.epoch)).toEqual([0, ...result.history.map((r) => r.epoch)]);
      expect(signals.epochs.at(-1)!.trainLoss).toBe(result.history.at(-1)!.trainLoss);
    });
    const signals = await expectNoLeaks(async () => {
      const recorder = recordHealth({ model, probe: train });
      const result = await fit({ model, train, optimizer: 'sgd', learningRate: 5, epochs: 12, batchSize: 'full', divergence: false, hooks: recorder.hooks });
      return recorder.finish(result);
    });
    const first = signals.epochs.findIndex((e) => e.blocks.some((b) => !b.finite));
    expect(first).toBeGreaterThan(0);
    expect(signals.epochs[0]!.blocks.every((b) => b.finite)).toBe(true);
    expect(Number.isFinite(signals.epochs[first]!.probeLoss)).toBe(false);
  });
});
