import { expect, it } from 'vitest';
import * as tfjs from '@tensorflow/tfjs';
import { initTensorflow } from '@losslens/core';
import { createModel } from './spec.js';
import { sequentialModel } from './sequential.js';
import { formatSummary, modelSummary } from './summary.js';

/** [name-free] rows of tfjs-layers' own summary: class, output shape, countParams(). */
const tfjsRows = (model: tfjs.LayersModel) =>
  model.layers.filter((l) => l.getClassName() !== 'InputLayer').map((l) => [l.getClassName(), l.outputShape, l.countParams()]);

it('per-layer shapes and counts equal tfjs-layers for the same Sequential architecture', async () => {
  await initTensorflow({ backend: 'cpu' });
  const ours = sequentialModel(
    [
      { type: 'conv2d', filters: 4, kernelSize: 3, activation: 'relu' },
      { type: 'maxPool2d', poolSize: 2 },
      { type: 'batchNorm' },
      { type: 'conv2d', filters: 6, kernelSize: 2, useBias: false, padding: 'same' },
      { type: 'avgPool2d', poolSize: 2 },
      { type: 'flatten' },
      { type: 'dropout', rate: 0.3 },
      { type: 'dense', units: 5, activation: 'tanh' },
      { type: 'activation', activation: 'softmax' },
    ],
    { inputShape: [10, 9, 2] },
  );
  const reference = tfjs.sequential({
    layers: [
      tfjs.layers.conv2d({ inputShape: [10, 9, 2], filters: 4, kernelSize: 3, activation: 'relu' }),
      tfjs.layers.maxPooling2d({ poolSize: 2 }),
      tfjs.layers.batchNormalization({}),
      tfjs.layers.conv2d({ filters: 6, kernelSize: 2, useBias: false, padding: 'same' }),
      tfjs.layers.averagePooling2d({ poolSize: 2 }),
      tfjs.layers.flatten(),
      tfjs.layers.dropout({ rate: 0.3 }),
      tfjs.layers.dense({ units: 5, activation: 'tanh' }),
      tfjs.layers.activation({ activation: 'softmax' }),
    ],
  });
  const summary = modelSummary(ours);
  expect(summary.layers.map((l) => [l.type, l.outputShape, l.parameters])).toEqual(tfjsRows(reference));
  expect(summary.totalParameters).toBe(reference.countParams());
  expect(summary.trainableParameters).toBe(ours.parameterCount);
  expect(summary.nonTrainableParameters).toBe(8); // moving mean and variance of 4 channels
  reference.dispose();
});

it('spec models count like tfjs-layers (mlp, cnn) and like a functional tfjs model with Add layers (resnet-mlp)', async () => {
  await initTensorflow({ backend: 'cpu' });
  const mlp = modelSummary(createModel('mlp:64x32:relu', { inputShape: [4], outputs: 3 }));
  const mlpRef = tfjs.sequential({
    layers: [
      tfjs.layers.dense({ inputShape: [4], units: 64, activation: 'relu' }),
      tfjs.layers.dense({ units: 32, activation: 'relu' }),
      tfjs.layers.dense({ units: 3 }),
    ],
  });
  expect(mlp.layers.map((l) => [l.type, l.outputShape, l.parameters])).toEqual(tfjsRows(mlpRef));
  expect(mlp.totalParameters).toBe(mlpRef.countParams());

  const cnn = modelSummary(createModel('cnn:8c3-p2-16c3-p2:relu:32', { inputShape: [28, 28, 1], outputs: 10 }));
  const cnnRef = tfjs.sequential({
    layers: [
      tfjs.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }),
      tfjs.layers.maxPooling2d({ poolSize: 2 }),
      tfjs.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
      tfjs.layers.maxPooling2d({ poolSize: 2 }),
      tfjs.layers.flatten(),
      tfjs.layers.dense({ units: 32, activation: 'relu' }),
      tfjs.layers.dense({ units: 10 }),
    ],
  });
  expect(cnn.layers.map((l) => [l.type, l.outputShape, l.parameters])).toEqual(tfjsRows(cnnRef));
  expect(cnn.totalParameters).toBe(cnnRef.countParams());

  const res = modelSummary(createModel('resnet-mlp:16x2:relu', { inputShape: [5], outputs: 1 }));
  const input = tfjs.input({ shape: [5] });
  let h = tfjs.layers.dense({ units: 16, activation: 'relu' }).apply(input) as tfjs.SymbolicTensor;
  for (let b = 0; b < 2; b++) {
    const inner = tfjs.layers.dense({ units: 16, activation: 'relu' }).apply(h) as tfjs.SymbolicTensor;
    const outer = tfjs.layers.dense({ units: 16 }).apply(inner) as tfjs.SymbolicTensor;
    h = tfjs.layers.activation({ activation: 'relu' }).apply(tfjs.layers.add().apply([h, outer])) as tfjs.SymbolicTensor;
  }
  const resRef = tfjs.model({ inputs: input, outputs: tfjs.layers.dense({ units: 1 }).apply(h) as tfjs.SymbolicTensor });
  expect(res.totalParameters).toBe(resRef.countParams());
  expect(res.layers.map((l) => [l.name, l.depth, l.parameters])).toEqual([
    ['dense_1', 0, 5 * 16 + 16],
    ['residual_1', 0, 2 * (16 * 16 + 16)],
    ['residual_1/dense_2', 1, 16 * 16 + 16],
    ['residual_1/dense_3', 1, 16 * 16 + 16],
    ['residual_2', 0, 2 * (16 * 16 + 16)],
    ['residual_2/dense_4', 1, 16 * 16 + 16],
    ['residual_2/dense_5', 1, 16 * 16 + 16],
    ['dense_6', 0, 17],
  ]);
  for (const m of [mlpRef, cnnRef, resRef]) m.dispose();
});

it('formatSummary prints a Keras-style table', () => {
  const text = formatSummary(modelSummary(createModel('mlp:64:relu', { inputShape: [4], outputs: 1 })));
  expect(text).toBe(
    [
      'Model: mlp:64:relu',
      'Input shape: [null, 4]   Outputs: 1',
      '----------------------------------------',
      'Layer (type)      Output shape   Param #',
      '----------------------------------------',
      'dense_1 (Dense)   [null, 64]         320',
      'dense_2 (Dense)   [null, 1]           65',
      '----------------------------------------',
      'Total params: 385',
      'Trainable params: 385',
      'Non-trainable params: 0',
      '',
    ].join('\n'),
  );
});
