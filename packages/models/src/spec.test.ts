import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { InputError } from '@losslens/core';
import { describeBackends } from '@losslens/testing';
import { createModel, formatSpec, parseSpec } from './spec.js';
import { MAX_ACTIVATIONS_PER_SAMPLE, MAX_PARAMETERS } from './limits.js';

it('parses the DESIGN.md grammar and the cnn / resnet-mlp extensions', () => {
  expect(parseSpec('linear')).toEqual({ family: 'linear' });
  expect(parseSpec('mlp:64x32:tanh')).toEqual({ family: 'mlp', hidden: [64, 32], activation: 'tanh', batchNorm: false, dropout: 0 });
  expect(parseSpec('mlp:16')).toMatchObject({ hidden: [16], activation: 'relu' });
  expect(parseSpec('mlp:8x8:elu:bn:dropout=0.25')).toMatchObject({ batchNorm: true, dropout: 0.25 });
  expect(parseSpec('cnn:8c3-p2-16c3s2same-a2-bn-d0.5:gelu:32x16')).toEqual({
    family: 'cnn',
    layers: [
      { kind: 'conv', filters: 8, kernel: 3, stride: 1, padding: 'valid' },
      { kind: 'maxPool', size: 2 },
      { kind: 'conv', filters: 16, kernel: 3, stride: 2, padding: 'same' },
      { kind: 'avgPool', size: 2 },
      { kind: 'batchNorm' },
      { kind: 'dropout', rate: 0.5 },
    ],
    activation: 'gelu',
    head: [32, 16],
  });
  expect(parseSpec('resnet-mlp:64x4:softplus')).toEqual({ family: 'resnet-mlp', width: 64, blocks: 4, activation: 'softplus' });
  for (const spec of ['linear', 'mlp:64x32:tanh', 'mlp:8x8:elu:bn:dropout=0.25', 'cnn:8c3-p2-16c3s2same-a2-bn-d0.5:gelu:32x16', 'resnet-mlp:64x4:relu']) {
    expect(formatSpec(parseSpec(spec))).toBe(spec);
  }
});

it('unknown or malformed specs are E_SPEC InputErrors naming the spec', () => {
  const cases: [string, string][] = [
    ['transformer', 'unknown model spec "transformer"; use linear, mlp:<w1>x<w2>…:<activation>, cnn:<layers>:<activation>, resnet-mlp:<width>x<blocks>:<activation>, or a model.json path'],
    ['mlp:64xx:relu', 'model spec "mlp:64xx:relu": width "" is not a positive integer'],
    ['mlp:0:relu', 'model spec "mlp:0:relu": width "0" is not a positive integer'],
    ['mlp:64:swish', 'model spec "mlp:64:swish": unknown activation "swish" (use relu, tanh, sigmoid, elu, gelu, softplus, linear)'],
    ['mlp', 'model spec "mlp": needs hidden widths, e.g. mlp:64x64:relu'],
    ['mlp:4:relu:bm', 'model spec "mlp:4:relu:bm": unknown mlp option "bm" (use bn or dropout=<rate>)'],
    ['mlp:4:relu:dropout=1.5', 'model spec "mlp:4:relu:dropout=1.5": dropout rate "1.5" must be in [0, 1)'],
    ['cnn:8k3:relu', 'model spec "cnn:8k3:relu": unknown cnn layer "8k3" (use <filters>c<kernel>, p<size>, a<size>, bn, d<rate>)'],
    ['cnn:p2:relu', 'model spec "cnn:p2:relu": needs at least one convolution, e.g. 8c3'],
    ['resnet-mlp:64:relu', 'model spec "resnet-mlp:64:relu": needs <width>x<blocks>, e.g. resnet-mlp:64x4:relu'],
    ['linear:3', 'model spec "linear:3": linear takes no options'],
    ['out/model.json', 'model spec "out/model.json": is a model.json path; load it with loadLayersModel'],
  ];
  for (const [spec, message] of cases) {
    let caught: unknown;
    try {
      parseSpec(spec);
    } catch (error) {
      caught = error;
    }
    expect(caught, spec).toBeInstanceOf(InputError);
    expect((caught as InputError).code).toBe('E_SPEC');
    expect((caught as Error).message).toBe(message);
  }
});

it('builds each family with the expected layers and parameter counts', () => {
  const linear = createModel('linear', { inputShape: [4], outputs: 3 });
  expect(linear.parameterCount).toBe(4 * 3 + 3);
  const mlp = createModel('mlp:64x64:relu', { inputShape: [4], outputs: 1 });
  expect(mlp.parameterCount).toBe(4 * 64 + 64 + 64 * 64 + 64 + 64 + 1);
  expect(mlp.layers.map((l) => l.className)).toEqual(['Dense', 'Dense', 'Dense']);
  const bn = createModel('mlp:8:tanh:bn:dropout=0.1', { inputShape: [3], outputs: 2 });
  expect(bn.layers.map((l) => l.className)).toEqual(['Dense', 'BatchNormalization', 'Activation', 'Dropout', 'Dense']);
  expect(bn.parameterCount).toBe(3 * 8 + 2 * 8 + 8 * 2 + 2);
  // 28×28×1 → conv 8@3×3 → 26×26×8 → pool → 13×13×8 → conv 16@3×3 → 11×11×16 → pool → 5×5×16 → 400 → dense 10
  const cnn = createModel('cnn:8c3-p2-16c3-p2:relu', { inputShape: [28, 28, 1], outputs: 10 });
  expect(cnn.layers.map((l) => [l.className, l.outputShape])).toEqual([
    ['Conv2D', [26, 26, 8]],
    ['MaxPooling2D', [13, 13, 8]],
    ['Conv2D', [11, 11, 16]],
    ['MaxPooling2D', [5, 5, 16]],
    ['Flatten', [400]],
    ['Dense', [10]],
  ]);
  expect(cnn.parameterCount).toBe(3 * 3 * 1 * 8 + 8 + 3 * 3 * 8 * 16 + 16 + 400 * 10 + 10);
  const flat = createModel('cnn:4c3:tanh:8', { inputShape: [16], outputs: 2 });
  expect(flat.layers.map((l) => l.className)).toEqual(['Reshape', 'Conv2D', 'Flatten', 'Dense', 'Dense']);
  expect(flat.layers[0]!.outputShape).toEqual([4, 4, 1]);
  const res = createModel('resnet-mlp:8x3:tanh', { inputShape: [2], outputs: 1 });
  expect(res.layers.map((l) => l.className)).toEqual(['Dense', 'ResidualBlock', 'ResidualBlock', 'ResidualBlock', 'Dense']);
  expect(res.parameterCount).toBe(2 * 8 + 8 + 3 * 2 * (8 * 8 + 8) + 8 + 1);
  expect(res.family).toBe('resnet-mlp');
});

it('a cnn on a non-square flat input is an E_SHAPE error', () => {
  expect(() => createModel('cnn:4c3:relu', { inputShape: [10], outputs: 2 })).toThrow(
    'model spec "cnn:4c3:relu": a cnn needs [height, width, channels] inputs or a square number of features, got [10]',
  );
  expect(() => createModel('mlp:4:relu', { inputShape: [3], outputs: 0 })).toThrow(/outputs must be a positive integer/);
});

describeBackends('spec models run forward', () => {
  it('mlp flattens image inputs; every family returns [b, outputs] logits', () => {
    for (const [spec, shape] of [
      ['linear', [2, 2, 1]],
      ['mlp:5x5:sigmoid', [3]],
      ['cnn:2c2-p2:elu:4', [4, 4, 2]],
      ['resnet-mlp:4x2:gelu', [3]],
    ] as const) {
      const model = createModel(spec, { inputShape: shape, outputs: 3 });
      const y = tf.tidy(() => model.apply(tf.tensor1d(model.init(0)), tf.ones([2, ...shape])).shape);
      expect(y, spec).toEqual([2, 3]);
    }
  });
});

describe('size limits', () => {
  it('a spec with more parameters than MAX_PARAMETERS is a one-line E_SPEC error, not a RangeError', () => {
    const attempt = () => createModel('mlp:100000x100000', { inputShape: [4], outputs: 1 });
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(
      `model spec "mlp:100000x100000": 10,000,700,001 parameters is more than the limit of ${MAX_PARAMETERS.toLocaleString('en-US')}; use narrower or fewer layers`,
    );
  });
  it('a spec whose activations per sample exceed MAX_ACTIVATIONS_PER_SAMPLE is refused', () => {
    // 64 filters of 3×3 on a 600×600 image: 64·598·598 ≈ 22.9M activation values, few parameters
    const attempt = () => createModel('cnn:64c3:relu', { inputShape: [600, 600, 1], outputs: 1 });
    expect(attempt).toThrow(/activation values per sample is more than the limit of 16,000,000/);
    try {
      attempt();
    } catch (error) {
      expect((error as InputError).code).toBe('E_SPEC');
    }
  });
  it('a model just under the limits builds', () => {
    expect(createModel('mlp:2000x2000', { inputShape: [4], outputs: 1 }).parameterCount).toBe(4 * 2000 + 2000 + 2000 * 2000 + 2000 + 2000 + 1);
    expect(MAX_ACTIVATIONS_PER_SAMPLE).toBe(16_000_000);
  });
});
