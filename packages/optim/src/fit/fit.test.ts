import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createEventChannel, createRng, initTensorflow, type Dataset, type LensEvent, type Model } from '@losslens/core';
import { describeBackends, expectNoLeaks, relativeError } from '@losslens/testing';
import { batchIndices } from '@losslens/data';
import { createModel } from '@losslens/models';
import { evaluate } from './evaluate.js';
import { fit } from './fit.js';

/** y = x·W + b written by hand, implementing the core Model contract (θ = [W row-major, b]). */
function linearModel(inputs: number, outputs: number): Model {
  return {
    spec: 'test-linear',
    inputShape: [inputs],
    outputs,
    layout: [
      { name: 'kernel', shape: [inputs, outputs], offset: 0, size: inputs * outputs },
      { name: 'bias', shape: [outputs], offset: inputs * outputs, size: outputs },
    ],
    parameterCount: inputs * outputs + outputs,
    init: (seed) => Float32Array.from({ length: inputs * outputs + outputs }, () => createRng(seed).normal() * 0.1),
    apply: (theta, x) =>
      tf.tidy(() => {
        const w = tf.reshape(tf.slice(theta, 0, inputs * outputs), [inputs, outputs]);
        const b = tf.slice(theta, inputs * outputs, outputs);
        return tf.add(tf.matMul(x as tf.Tensor2D, w), b);
      }),
  };
}

function regression(n: number, seed: number, weights = [2, -3], bias = 1): Dataset {
  const rng = createRng(seed);
  const features = Float32Array.from({ length: n * 2 }, () => rng.normal());
  const targets = Float32Array.from({ length: n }, (_, i) => weights[0]! * features[2 * i]! + weights[1]! * features[2 * i + 1]! + bias);
  return {
    name: 'lin', task: 'regression', n, featureShape: [2], features, targets, outputs: 1,
    featureNames: ['a', 'b'], targetName: 'y', origin: 'test',
  };
}

function classification(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const features = new Float32Array(n * 2);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    features[2 * i] = (label === 1 ? 2 : -2) + 0.3 * rng.normal();
    features[2 * i + 1] = rng.normal();
    targets[i] = label;
  }
  return {
    name: 'blobs', task: 'classification', n, featureShape: [2], features, targets, outputs: 2,
    featureNames: ['a', 'b'], targetName: 'c', classNames: ['0', '1'], origin: 'test',
  };
}

/** Full-batch MSE gradient of the linear model, in float64: ∇W = 2/n Xᵀr, ∇b = 2/n Σr (one output). */
function mseGradient(ds: Dataset, theta: ArrayLike<number>): { loss: number; gradient: number[] } {
  const g: [number, number, number] = [0, 0, 0];
  let loss = 0;
  for (let i = 0; i < ds.n; i++) {
    const x0 = ds.features[2 * i]!;
    const x1 = ds.features[2 * i + 1]!;
    const r = theta[0]! * x0 + theta[1]! * x1 + theta[2]! - ds.targets[i]!;
    loss += r * r;
    g[0] += (2 * r * x0) / ds.n;
    g[1] += (2 * r * x1) / ds.n;
    g[2] += (2 * r) / ds.n;
  }
  return { loss: loss / ds.n, gradient: g };
}

describeBackends('fit', () => {
  it('full-batch SGD takes exactly θ − lr·∇L per epoch and reports loss and gradient norm at the start of the epoch', async () => {
    const train = regression(32, 1);
    const model = linearModel(2, 1);
    const theta0 = [0.5, 0.25, -0.5];
    const result = await fit({ model, train, optimizer: 'sgd', learningRate: 0.1, epochs: 2, batchSize: 'full', initialTheta: Float32Array.from(theta0) });
    const step1 = mseGradient(train, theta0);
    const theta1 = theta0.map((t, i) => t - 0.1 * step1.gradient[i]!);
    const step2 = mseGradient(train, theta1);
    const theta2 = theta1.map((t, i) => t - 0.1 * step2.gradient[i]!);
    expect(relativeError(result.theta, theta2)).toBeLessThan(1e-5);
    expect(result.history[0]!.trainLoss).toBeCloseTo(step1.loss, 4);
    expect(result.history[1]!.trainLoss).toBeCloseTo(step2.loss, 4);
    expect(result.history[0]!.gradientNorm).toBeCloseTo(Math.hypot(...step1.gradient), 4);
    expect(result.initialLoss).toBeCloseTo(step1.loss, 4);
    expect(result.history.map((r) => r.updates)).toEqual([1, 1]);
    expect(result.final!.train.loss).toBeCloseTo(mseGradient(train, theta2).loss, 4);
    expect(result.stopReason).toBe('completed');
    expect(result.bestEpoch).toBe(2);
  });

  it('mini-batch SGD visits the seeded batch order (reshuffled each epoch) and keeps the last partial batch', async () => {
    const train = regression(20, 2);
    const model = linearModel(2, 1);
    const theta0 = [0, 0, 0];
    const result = await fit({ model, train, optimizer: 'sgd', learningRate: 0.05, epochs: 2, batchSize: 8, seed: 7, initialTheta: new Float32Array(3), finalEvaluation: false });
    // Reference: plain float64 SGD over batchIndices(20, 8, createRng(7).fork('batches')), epoch after epoch.
    const rng = createRng(7).fork('batches');
    let theta = theta0;
    for (let epoch = 0; epoch < 2; epoch++) {
      for (const rows of batchIndices(20, 8, rng)) {
        const sub: Dataset = {
          ...train,
          n: rows.length,
          features: Float32Array.from(rows.flatMap((r) => [train.features[2 * r]!, train.features[2 * r + 1]!])),
          targets: Float32Array.from(rows.map((r) => train.targets[r]!)),
        };
        const { gradient } = mseGradient(sub, theta);
        theta = theta.map((t, i) => t - 0.05 * gradient[i]!);
      }
    }
    expect(result.history.map((r) => r.updates)).toEqual([3, 3]);
    expect(relativeError(result.theta, theta)).toBeLessThan(1e-5);
  });

  it('takes batch size 1 (n updates per epoch) and drops a last partial batch on request', async () => {
    const train = regression(5, 13);
    const one = await fit({ model: linearModel(2, 1), train, optimizer: 'sgd', epochs: 2, batchSize: 1, finalEvaluation: false });
    expect(one.history.map((r) => r.updates)).toEqual([5, 5]);
    expect(one.updates).toBe(10);
    const dropped = await fit({ model: linearModel(2, 1), train, optimizer: 'sgd', epochs: 1, batchSize: 2, dropLast: true, finalEvaluation: false });
    expect(dropped.history[0]!.updates).toBe(2);
    // a batch size above n is one batch of all rows (data's batchIndices), never dropped
    const big = await fit({ model: linearModel(2, 1), train, epochs: 1, batchSize: 8, dropLast: true, finalEvaluation: false });
    expect(big.history[0]!.updates).toBe(1);
  });

  it('leaves no tensors, and the count after 100 epochs equals the count after 1', async () => {
    const train = regression(24, 3);
    const validation = regression(10, 4);
    const model = linearModel(2, 1);
    const run = (epochs: number) => fit({ model, train, validation, optimizer: 'adam', epochs, batchSize: 5, earlyStopping: { patience: 1000 }, swa: { startEpoch: 1 } });
    const before = tf.memory().numTensors;
    await run(1);
    const afterOne = tf.memory().numTensors;
    await expectNoLeaks(() => run(100), 'fit for 100 epochs');
    expect(tf.memory().numTensors).toBe(afterOne);
    expect(afterOne).toBe(before);
  });
});

describe('fit behaviour', () => {
  beforeAll(async () => {
    await initTensorflow({ backend: 'cpu' });
  });

  it('reports train and validation accuracy for classification and learns separable blobs', async () => {
    const model = linearModel(2, 2);
    const result = await fit({ model, train: classification(40, 1), validation: classification(20, 2), optimizer: 'adam', learningRate: 0.1, epochs: 30, batchSize: 10 });
    const last = result.history.at(-1)!;
    expect(last.trainAccuracy).toBeGreaterThan(0.95);
    expect(last.validationAccuracy).toBe(1);
    expect(result.final!.validation!.accuracy).toBe(1);
    expect(last.validationLoss).toBeLessThan(result.history[0]!.validationLoss!);
  });

  it('early stopping: stops `patience` epochs after the best validation loss and returns that epoch’s θ', async () => {
    // Validation targets have the opposite slope, so validation loss gets worse as training fits the train set.
    const train = regression(32, 5, [1, 1], 0);
    const validation = regression(32, 6, [-1, -1], 0);
    const model = linearModel(2, 1);
    const result = await fit({
      model, train, validation, optimizer: 'sgd', learningRate: 0.05, epochs: 50, batchSize: 'full',
      initialTheta: new Float32Array(3), earlyStopping: { patience: 3 },
    });
    expect(result.stopReason).toBe('early-stopping');
    const losses = result.history.map((r) => r.validationLoss!);
    const bestIndex = losses.indexOf(Math.min(...losses));
    expect(result.bestEpoch).toBe(bestIndex + 1);
    expect(result.history).toHaveLength(result.bestEpoch + 3);
    expect(evaluate(model, result.theta, validation).loss).toBeCloseTo(losses[bestIndex]!, 5);
  });

  it('divergence: a huge learning rate stops with a reason and returns the last finite θ instead of throwing', async () => {
    const train = regression(32, 7);
    const result = await fit({ model: linearModel(2, 1), train, optimizer: 'sgd', learningRate: 50, epochs: 40, batchSize: 'full' });
    expect(result.stopReason).toBe('diverged');
    expect(result.divergence?.reason).toMatch(/exceeds 1000 × the initial|is NaN|is Infinity/);
    expect(result.theta.every(Number.isFinite)).toBe(true);
    expect(result.bestEpoch).toBe(result.history.length - 1);
    // with divergence detection off it trains on into Inf/NaN
    const wild = await fit({ model: linearModel(2, 1), train, optimizer: 'sgd', learningRate: 50, epochs: 40, batchSize: 'full', divergence: false, finalEvaluation: false });
    expect(wild.stopReason).toBe('completed');
    expect(Number.isFinite(wild.history.at(-1)!.trainLoss)).toBe(false);
  });

  it('clips the gradient norm (PyTorch clip_grad_norm_) and adds the regularizer to the gradient but not to the reported loss', async () => {
    const train = regression(16, 8);
    const theta0 = [0.5, 0.25, -0.5];
    const { loss, gradient } = mseGradient(train, theta0);
    const norm = Math.hypot(...gradient);
    const clipped = await fit({ model: linearModel(2, 1), train, optimizer: 'sgd', learningRate: 0.1, epochs: 1, batchSize: 'full', initialTheta: Float32Array.from(theta0), clipNorm: 0.5 });
    const scale = Math.min(1, 0.5 / (norm + 1e-6));
    expect(relativeError(clipped.theta, theta0.map((t, i) => t - 0.1 * scale * gradient[i]!))).toBeLessThan(1e-5);
    const penalised = await fit({
      model: linearModel(2, 1), train, optimizer: 'sgd', learningRate: 0.1, epochs: 1, batchSize: 'full', initialTheta: Float32Array.from(theta0),
      regularizer: (t) => tf.mul(0.5, tf.sum(tf.square(t))) as tf.Scalar,
    });
    // d/dθ 0.5·Σθ² = θ
    expect(relativeError(penalised.theta, theta0.map((t, i) => t - 0.1 * (gradient[i]! + t)))).toBeLessThan(1e-5);
    expect(penalised.history[0]!.trainLoss).toBeCloseTo(loss, 4);
  });

  it('calls hooks around epochs and batches, emits progress events, follows the schedule, and stops on request', async () => {
    const events = createEventChannel();
    const seen: LensEvent[] = [];
    events.on((e) => seen.push(e));
    const calls: string[] = [];
    const result = await fit({
      model: linearModel(2, 1), train: regression(12, 9), optimizer: 'sgd', learningRate: 0.1, epochs: 5, batchSize: 4, events,
      schedule: { name: 'step', every: 1, gamma: 0.5 },
      hooks: [
        {
          beforeEpoch: ({ epoch }) => void calls.push(`before ${epoch}`),
          beforeBatch: ({ batch, learningRate }) => void calls.push(`batch ${batch} @${learningRate}`),
          afterEpoch: ({ epoch }) => (epoch === 2 ? 'stop' : undefined),
        },
      ],
    });
    expect(result.stopReason).toBe('stopped');
    expect(calls).toEqual(['before 1', 'batch 0 @0.1', 'batch 1 @0.1', 'batch 2 @0.1', 'before 2', 'batch 0 @0.05', 'batch 1 @0.05', 'batch 2 @0.05']);
    expect(result.history.map((r) => r.learningRate)).toEqual([0.1, 0.05]);
    expect(seen.filter((e) => e.type === 'progress').map((e) => [(e as { done: number }).done, (e as { total: number }).total])).toEqual([[1, 5], [2, 5]]);
    expect(seen[0]).toMatchObject({ type: 'progress', task: 'fit' });
  });

  it('averages epoch-end θ with SWA from startEpoch on', async () => {
    const ends: Float32Array[] = [];
    const result = await fit({
      model: linearModel(2, 1), train: regression(12, 10), optimizer: 'sgd', learningRate: 0.05, epochs: 4, batchSize: 4,
      swa: { startEpoch: 2 }, hooks: { afterEpoch: ({ theta }) => void ends.push(Float32Array.from(theta.dataSync())) },
    });
    const mean = [0, 1, 2].map((i) => (ends[1]![i]! + ends[2]![i]! + ends[3]![i]!) / 3);
    expect(result.swa!.averaged).toBe(3);
    expect(relativeError(result.swa!.theta, mean)).toBeLessThan(1e-6);
    expect(result.swa!.train!.loss).toBeGreaterThan(0);
  });

  it('applies the augmentation to every training batch (zeroed inputs move only the bias)', async () => {
    const train = regression(16, 12);
    const theta0 = [0.5, 0.25, -0.5];
    let calls = 0;
    const result = await fit({
      model: linearModel(2, 1), train, optimizer: 'sgd', learningRate: 0.1, epochs: 1, batchSize: 8, shuffle: false,
      initialTheta: Float32Array.from(theta0), finalEvaluation: false,
      augment: (batch) => {
        calls += 1;
        return { x: tf.zerosLike(batch.x), y: batch.y };
      },
    });
    // x = 0 → prediction b, ∂/∂W = 0, ∂/∂b = 2·mean(b − y) per batch of 8 rows, in order
    let b = theta0[2]!;
    for (const start of [0, 8]) {
      let g = 0;
      for (let i = start; i < start + 8; i++) g += (2 * (b - train.targets[i]!)) / 8;
      b -= 0.1 * g;
    }
    expect(calls).toBe(2);
    expect(relativeError(result.theta, [0.5, 0.25, b])).toBeLessThan(1e-5);
  });

  it('trains a models-package MLP on classification data', async () => {
    const train = classification(60, 11);
    const model = createModel('mlp:8:relu', { inputShape: [2], outputs: 2, task: 'classification' });
    const result = await fit({ model, train, epochs: 20, batchSize: 16, optimizer: 'adam', learningRate: 0.05, seed: 3 });
    expect(result.final!.train.accuracy).toBeGreaterThan(0.95);
    expect(result.history[0]!.msPerUpdate).toBeGreaterThan(0);
  });

  it('rejects data that does not fit the model and a wrong-length initial θ, naming both', async () => {
    const model = linearModel(3, 1);
    await expect(fit({ model, train: regression(8, 1), epochs: 1, batchSize: 4 })).rejects.toThrow(
      'training data "lin" has samples of shape [2] but model "test-linear" takes [3]',
    );
    await expect(fit({ model: linearModel(2, 1), train: regression(8, 1), epochs: 1, batchSize: 4, initialTheta: new Float32Array(2) })).rejects.toThrow(
      'initialTheta has 2 values but model "test-linear" has 3 parameters',
    );
    await expect(fit({ model: linearModel(2, 1), train: regression(8, 1), epochs: 0, batchSize: 4 })).rejects.toThrow('fit: option "epochs" must be >= 1, got 0');
    await expect(fit({ model: linearModel(2, 1), train: regression(8, 1), epochs: 1, batchSize: 4, optimizer: 'adamax' })).rejects.toThrow('unknown optimizer "adamax"');
    await expect(fit({ model: linearModel(2, 1), train: regression(8, 1), epochs: 1, batchSize: 4, earlyStopping: { monitor: 'trainAccuracy' } })).rejects.toThrow(
      'earlyStopping: monitor "trainAccuracy" needs a classification task, "lin" is regression',
    );
  });
});
