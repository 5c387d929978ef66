import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { definePlugin } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';
import { crossValidate, kFold } from '@losslens/validate';
import { createDefaultLens, defaultPlugins, describeLens } from '../src/index.js';

describe('createDefaultLens', () => {
  it('holds every built-in package, and a plugin named like a built-in is the built-in', async () => {
    const lens = await createDefaultLens({ plugins: [definePlugin({ name: '@losslens/data', version: '9.9.9' })], backend: 'cpu' });
    expect(lens.plugins.map((p) => p.name)).toEqual(defaultPlugins().map((p) => p.name));
    expect(lens.plugins.map((p) => p.name)).toEqual(['@losslens/data', '@losslens/models', '@losslens/optim', '@losslens/critical', '@losslens/validate', '@losslens/health', '@losslens/diagnose']);
    const rows = describeLens(lens);
    expect(rows.find((r) => r.key === 'optim/adam')).toEqual({ kind: 'optimizers', key: 'optim/adam', plugin: '@losslens/optim', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(rows.filter((r) => r.kind === 'analyses').map((r) => r.key)).toContain('diagnose/critical-point');
  });

  it('resolves short names, prefers a built-in on a tie, and names the flag and the keys otherwise', async () => {
    const mine = definePlugin({ name: 'mine', version: '1.0.0', provides: { optimizers: { 'mine/adam': () => { throw new Error('not used'); } } } });
    const lens = await createDefaultLens({ plugins: [mine], backend: 'cpu' });
    expect(lens.optimizers.resolve('adam').key).toBe('optim/adam');
    expect(lens.optimizers.resolve('mine/adam').key).toBe('mine/adam');
    expect(() => lens.splitters.resolve('nope', '--splitter')).toThrow(/^--splitter: no splitter named "nope" \(known: validate\/kfold, validate\/stratified-kfold, /);
  });

  it('fit and cross validation through the lens equal the direct calls, and leave no tensors', async () => {
    const lens = await createDefaultLens({ backend: 'cpu' });
    const train = makeCurve({ n: 40, seed: 2 });
    const before = tf.memory().numTensors;
    const viaLens = await lens.fit({ model: 'mlp:4:tanh', train, optimizer: 'adam', epochs: 3, batchSize: 8, seed: 1 });
    const direct = await fit({ model: createModel('mlp:4:tanh', { inputShape: [1], outputs: 1 }), train, optimizer: 'adam', epochs: 3, batchSize: 8, seed: 1 });
    expect(Array.from(viaLens.theta)).toEqual(Array.from(direct.theta));
    const cvLens = await lens.crossValidate({ model: 'linear', dataset: train, splitter: lens.splitter('kfold', { folds: 3 }), fit: { epochs: 2, batchSize: 8 } });
    const cvDirect = await crossValidate({ model: 'linear', dataset: train, splitter: kFold({ folds: 3 }), fit: { epochs: 2, batchSize: 8 } });
    expect(cvLens.validationLosses).toEqual(cvDirect.validationLosses);
    expect(tf.memory().numTensors).toBe(before);
  });
});
