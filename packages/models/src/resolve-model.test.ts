import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '@losslens/core';
import { assertCompatible, isModelPath, resolveModel } from './resolve-model.js';
import { saveLayersModel } from './save-layers-model.js';
import { createModel } from './spec.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'losslens-resolve-'));
  const model = createModel('mlp:3:tanh', { inputShape: [2], outputs: 1 });
  await saveLayersModel(join(root, 'm'), model, model.init(1));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('tells paths from specs', () => {
  expect(isModelPath('mlp:64x64:relu')).toBe(false);
  expect(isModelPath('model.json')).toBe(true);
  expect(isModelPath('./models/mine')).toBe(true);
  expect(isModelPath('/abs/model')).toBe(true);
  expect(isModelPath('mine/cnn:32')).toBe(false);
  expect(isModelPath('mine/cnn')).toBe(false);
});

it('a spec gives a fresh model; a model.json gives the model and its θ', async () => {
  const fromSpec = await resolveModel('linear', { inputShape: [2], outputs: 1 });
  expect(fromSpec.theta).toBeUndefined();
  expect(fromSpec.model.parameterCount).toBe(3);
  const fromFile = await resolveModel('m/model.json', { cwd: root, inputShape: [2], outputs: 1 });
  expect(fromFile.theta).toHaveLength(13);
  await expect(resolveModel('m/model.json', { cwd: root, inputShape: [5] })).rejects.toThrow(
    'm/model.json: the model takes inputs of shape [2], the data has [5]',
  );
  await expect(resolveModel('m/model.json', { cwd: root, outputs: 4 })).rejects.toThrow(
    'm/model.json: the model has 1 outputs, the data needs 4',
  );
  await expect(resolveModel('mlp:4:relu')).rejects.toThrow('model spec "mlp:4:relu": an input shape and an output count are needed to build it');
});

it('assertCompatible names the dataset and the model when shapes disagree', () => {
  const data = (featureShape: number[], outputs: number, task: Dataset['task'] = 'regression'): Dataset => ({
    name: 'd',
    task,
    n: 0,
    featureShape,
    features: new Float32Array(),
    targets: new Float32Array(),
    outputs,
    featureNames: [],
    targetName: 'y',
    origin: 'train.csv',
  });
  const model = createModel('mlp:4:relu', { inputShape: [3], outputs: 1 });
  expect(() => assertCompatible(model, data([3], 1))).not.toThrow();
  expect(() => assertCompatible(model, data([3], 2, 'classification'))).not.toThrow();
  expect(() => assertCompatible(model, data([4], 1))).toThrow(
    'train.csv: the data has samples of shape [4], model "mlp:4:relu" takes [3]',
  );
  expect(() => assertCompatible(model, data([3], 3, 'classification'))).toThrow(
    'train.csv: the data has 3 classes, model "mlp:4:relu" has 1 outputs',
  );
});
