/**
 * Second-order safety of every layer and loss: the gradient of a loss through the layer
 * equals central finite differences, and the Hessian-vector product by double backprop equals
 * finite differences of the gradient (float32, ε = 1e-3), on cpu and wasm.
 */
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type LossFunction } from '@losslens/core';
import { checkGradient, checkHvp, describeBackends, expectNoLeaks } from '@losslens/testing';
import type { LayerConfig } from './layers/layer.js';
import { sequentialModel } from './sequential.js';
import {
  binaryCrossEntropy,
  binaryCrossEntropyFromProbabilities,
  categoricalCrossEntropy,
  huber,
  mae,
  mse,
  softmaxCrossEntropy,
} from './losses.js';
import { l1Penalty, l2Penalty } from './regularizers.js';

const TOLERANCE = 2e-3;

interface Case {
  title: string;
  inputShape: number[];
  layers: LayerConfig[];
  loss?: LossFunction;
  training?: boolean;
  /** Targets for classification losses: one-hot rows. */
  oneHot?: boolean;
  /** Batch-norm statistics to store (evaluation mode uses them). */
  state?: Record<string, number[]>;
  /** A piecewise-linear case (relu, max pool) whose Hessian may be 0 through that layer. */
  allowZeroHvp?: boolean;
}

/** Deterministic pseudo-random numbers in [-1, 1). */
const values = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => 2 * rng.uniform() - 1);
};

const head = (outputs: number): LayerConfig[] => [{ type: 'flatten' }, { type: 'dense', units: outputs, activation: 'tanh' }];

const cases: Case[] = [
  ...(['tanh', 'sigmoid', 'elu', 'gelu', 'softplus', 'linear', 'relu'] as const).map(
    (activation): Case => ({
      title: `dense + ${activation}`,
      inputShape: [3],
      layers: [{ type: 'dense', units: 4, activation }, { type: 'dense', units: 2, activation: 'tanh' }],
      allowZeroHvp: activation === 'linear',
    }),
  ),
  { title: 'dense without bias', inputShape: [3], layers: [{ type: 'dense', units: 3, activation: 'tanh', useBias: false }, { type: 'dense', units: 2 }] },
  { title: 'activation layer softmax', inputShape: [3], layers: [{ type: 'dense', units: 3 }, { type: 'activation', activation: 'softmax' }] },
  { title: 'conv2d valid', inputShape: [4, 4, 2], layers: [{ type: 'conv2d', filters: 2, kernelSize: 3, activation: 'tanh' }, ...head(2)] },
  {
    title: 'conv2d same, stride 2, no bias',
    inputShape: [5, 5, 1],
    layers: [{ type: 'conv2d', filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'sigmoid', useBias: false }, ...head(2)],
  },
  {
    title: 'max pool valid (odd size, cropped)',
    inputShape: [5, 5, 1],
    layers: [{ type: 'conv2d', filters: 2, kernelSize: 2, activation: 'tanh' }, { type: 'maxPool2d', poolSize: 2 }, ...head(2)],
  },
  {
    title: 'max pool same',
    inputShape: [3, 3, 1],
    layers: [{ type: 'conv2d', filters: 2, kernelSize: 1, activation: 'tanh' }, { type: 'maxPool2d', poolSize: 2, padding: 'same' }, ...head(2)],
  },
  {
    title: 'avg pool valid',
    inputShape: [4, 4, 1],
    layers: [{ type: 'conv2d', filters: 2, kernelSize: 1, activation: 'tanh' }, { type: 'avgPool2d', poolSize: 2 }, ...head(2)],
  },
  {
    title: 'avg pool same',
    inputShape: [3, 3, 1],
    layers: [{ type: 'conv2d', filters: 1, kernelSize: 1, activation: 'elu' }, { type: 'avgPool2d', poolSize: 2, padding: 'same' }, ...head(2)],
  },
  {
    title: 'reshape + flatten',
    inputShape: [4],
    layers: [{ type: 'dense', units: 4, activation: 'tanh' }, { type: 'reshape', targetShape: [2, 2, 1] }, ...head(2)],
  },
  {
    title: 'dropout (training, fixed seed)',
    inputShape: [3],
    training: true,
    layers: [{ type: 'dense', units: 6, activation: 'tanh' }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 2, activation: 'tanh' }],
  },
  {
    title: 'batch norm (training: batch statistics)',
    inputShape: [3],
    training: true,
    layers: [{ type: 'dense', units: 3 }, { type: 'batchNorm' }, { type: 'activation', activation: 'tanh' }, { type: 'dense', units: 2 }],
  },
  {
    title: 'batch norm (evaluation: stored statistics)',
    inputShape: [3],
    state: { 'batch_normalization_1/moving_mean': [0.1, -0.2, 0.3], 'batch_normalization_1/moving_variance': [0.5, 1.5, 2] },
    layers: [{ type: 'dense', units: 3 }, { type: 'batchNorm' }, { type: 'activation', activation: 'tanh' }, { type: 'dense', units: 2 }],
  },
  {
    title: 'batch norm without scale and center (training)',
    inputShape: [3],
    training: true,
    layers: [{ type: 'dense', units: 3 }, { type: 'batchNorm', center: false, scale: false }, { type: 'dense', units: 2, activation: 'sigmoid' }],
  },
  {
    title: 'residual block',
    inputShape: [3],
    layers: [
      { type: 'dense', units: 3, activation: 'tanh' },
      { type: 'residual', activation: 'tanh', layers: [{ type: 'dense', units: 3, activation: 'tanh' }, { type: 'dense', units: 3 }] },
      { type: 'dense', units: 2 },
    ],
  },
  // Losses, each behind a small smooth network.
  ...(
    [
      ['mse', mse, false],
      ['mae', mae, false],
      ['huber(0.3)', huber(0.3), false],
      ['softmax cross-entropy', softmaxCrossEntropy, true],
      ['binary cross-entropy (logits)', binaryCrossEntropy, true],
    ] as const
  ).map(
    ([name, loss, oneHot]): Case => ({
      title: `loss ${name}`,
      inputShape: [3],
      loss,
      oneHot,
      layers: [{ type: 'dense', units: 4, activation: 'tanh' }, { type: 'dense', units: 3 }],
    }),
  ),
  {
    title: 'loss categorical cross-entropy (softmax outputs)',
    inputShape: [3],
    loss: categoricalCrossEntropy,
    oneHot: true,
    layers: [{ type: 'dense', units: 4, activation: 'tanh' }, { type: 'dense', units: 3, activation: 'softmax' }],
  },
  {
    title: 'loss binary cross-entropy (sigmoid outputs)',
    inputShape: [3],
    loss: binaryCrossEntropyFromProbabilities,
    oneHot: true,
    layers: [{ type: 'dense', units: 4, activation: 'tanh' }, { type: 'dense', units: 3, activation: 'sigmoid' }],
  },
];

describeBackends('gradients and Hessian-vector products of every layer and loss', () => {
  for (const c of cases) {
    it(c.title, async () => {
      await expectNoLeaks(() => {
        const model = sequentialModel(c.layers, { inputShape: c.inputShape });
        for (const [key, v] of Object.entries(c.state ?? {})) model.state.set(key, Float32Array.from(v));
        const n = 5;
        const features = values(n * c.inputShape.reduce((a, b) => a * b, 1), 11);
        const outputs = model.outputs;
        const targets = c.oneHot
          ? Float32Array.from({ length: n * outputs }, (_, i) => (i % outputs === Math.floor(i / outputs) % outputs ? 1 : 0))
          : values(n * outputs, 12);
        const x = tf.tensor(features, [n, ...c.inputShape]);
        const y = tf.tensor2d(targets, [n, outputs]);
        const loss = c.loss ?? mse;
        const f = (theta: tf.Tensor1D) => loss(model.apply(theta, x, { training: c.training ?? false, seed: 3 }), y);
        // Scale the initial weights up a little so every nonlinearity is exercised.
        const theta = Float32Array.from(model.init(7), (t) => 1.5 * t + 0.05);
        const direction = values(model.parameterCount, 13);
        const gradient = checkGradient(f, theta);
        const hvp = checkHvp(f, theta, direction);
        x.dispose();
        y.dispose();
        expect(gradient.error, 'gradient').toBeLessThan(TOLERANCE);
        expect(Math.max(...gradient.reference.map(Math.abs)), 'gradient is not trivially zero').toBeGreaterThan(1e-3);
        expect(hvp.error, 'Hessian-vector product').toBeLessThan(TOLERANCE);
        if (!c.allowZeroHvp) expect(Math.max(...hvp.reference.map(Math.abs)), 'HVP is not trivially zero').toBeGreaterThan(1e-3);
      }, c.title);
    });
  }

  it('L2 and L1 penalties', () => {
    const theta = [0.3, -0.7, 1.2, -0.05];
    const v = [1, -0.5, 0.25, 2];
    const l2 = (t: tf.Tensor1D) => l2Penalty(t, 0.1);
    const l1 = (t: tf.Tensor1D) => tf.add(l1Penalty(t, 0.2), l2Penalty(t, 0.1, Float32Array.of(1, 0, 1, 0)));
    expect(checkGradient(l2, theta).error).toBeLessThan(TOLERANCE);
    expect(checkHvp(l2, theta, v).error).toBeLessThan(TOLERANCE);
    expect(checkGradient(l1, theta).error).toBeLessThan(TOLERANCE);
    expect(checkHvp(l1, theta, v).error).toBeLessThan(TOLERANCE);
  });
});
