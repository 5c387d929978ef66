import { expect, it } from 'vitest';
import { relatives } from './relatives.js';
import { createModel } from './spec.js';

it('mlp relatives: shallower down to linear, deeper, narrower, wider', () => {
  expect(relatives('mlp:64x64x64:relu')).toEqual({
    shallower: ['mlp:64x64:relu', 'mlp:64:relu', 'linear'],
    deeper: ['mlp:64x64x64x64:relu', 'mlp:64x64x64x64x64x64:relu'],
    narrower: ['mlp:32x32x32:relu', 'mlp:16x16x16:relu'],
    wider: ['mlp:128x128x128:relu', 'mlp:256x256x256:relu'],
  });
  expect(relatives('mlp:8:tanh:dropout=0.2')).toEqual({
    shallower: ['linear'],
    deeper: ['mlp:8x8:tanh:dropout=0.2'],
    narrower: ['mlp:4:tanh:dropout=0.2', 'mlp:2:tanh:dropout=0.2'],
    wider: ['mlp:16:tanh:dropout=0.2', 'mlp:32:tanh:dropout=0.2'],
  });
  expect(relatives('mlp:1:relu').narrower).toEqual([]);
});

it('linear, cnn and resnet-mlp relatives stay in their family', () => {
  expect(relatives('linear')).toEqual({
    shallower: [],
    deeper: ['mlp:32:relu', 'mlp:32x32:relu'],
    narrower: [],
    wider: ['mlp:32:relu', 'mlp:128:relu'],
  });
  expect(relatives('cnn:8c3-p2-16c3-p2:relu:32')).toEqual({
    shallower: ['cnn:8c3-p2:relu:32'],
    deeper: ['cnn:8c3-p2-16c3-16c3same-p2:relu:32'],
    narrower: ['cnn:4c3-p2-8c3-p2:relu:16', 'cnn:2c3-p2-4c3-p2:relu:8'],
    wider: ['cnn:16c3-p2-32c3-p2:relu:64', 'cnn:32c3-p2-64c3-p2:relu:128'],
  });
  expect(relatives('resnet-mlp:16x4:tanh')).toEqual({
    shallower: ['resnet-mlp:16x3:tanh', 'resnet-mlp:16x2:tanh', 'resnet-mlp:16x1:tanh'],
    deeper: ['resnet-mlp:16x5:tanh', 'resnet-mlp:16x8:tanh'],
    narrower: ['resnet-mlp:8x4:tanh', 'resnet-mlp:4x4:tanh'],
    wider: ['resnet-mlp:32x4:tanh', 'resnet-mlp:64x4:tanh'],
  });
});

it('every relative builds; deeper relatives have more layers, shallower fewer', () => {
  const depth = (spec: string) => createModel(spec, { inputShape: [12, 12, 1], outputs: 2 }).layers.length;
  for (const spec of ['mlp:8x8:relu', 'cnn:4c3-p2-4c3:relu', 'resnet-mlp:4x2:relu']) {
    const r = relatives(spec);
    for (const s of r.deeper) expect(depth(s), s).toBeGreaterThan(depth(spec));
    for (const s of r.shallower) expect(depth(s), s).toBeLessThan(depth(spec));
    for (const s of [...r.narrower, ...r.wider]) expect(depth(s), s).toBe(depth(spec));
  }
});

it('a model.json path has no relatives; a bad spec is an E_SPEC error', () => {
  expect(relatives('model/model.json')).toEqual({ shallower: [], deeper: [], narrower: [], wider: [] });
  expect(() => relatives('mlp:x:relu')).toThrow(/model spec "mlp:x:relu"/);
});
