import { afterAll, beforeAll, expect, it } from 'vitest';
import * as tfjs from '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@losslens/core';
import { describeBackends } from '@losslens/testing';
import { loadLayersModel } from './load-layers-model.js';
import { saveLayersModel, toLayersArtifacts } from './save-layers-model.js';
import { calibrateBatchNorm, sequentialModel } from './sequential.js';
import { createModel } from './spec.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'losslens-save-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Reads a saved folder back with tfjs-layers itself (tf.io.fromMemory, no file:// handler). */
async function readWithTfjs(dir: string): Promise<tfjs.LayersModel> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tfjs.io.WeightsManifestEntry[] }[];
  };
  expect(json.weightsManifest[0]!.paths).toEqual(['weights.bin']);
  const bytes = await readFile(join(dir, 'weights.bin'));
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return tfjs.loadLayersModel(
    tfjs.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0]!.weights, weightData }),
  );
}

describeBackends('saved models load in tfjs-layers and predict the same', (backend) => {
  it('an mlp spec model', async () => {
    const model = createModel('mlp:6x5:tanh', { inputShape: [3], outputs: 2 });
    const theta = model.init(3);
    const dir = join(root, `mlp-${backend}`);
    await saveLayersModel(dir, model, theta);
    const reference = await readWithTfjs(dir);
    const [ours, theirs] = tf.tidy(() => {
      const x = tf.randomNormal([4, 3], 0, 1, 'float32', 1);
      return [model.apply(tf.tensor1d(theta), x).dataSync(), (reference.predict(x) as tf.Tensor).dataSync()];
    });
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 5));
    expect(reference.countParams()).toBe(model.parameterCount);
    reference.dispose();
  });

  it('a cnn with batch norm (calibrated statistics), pooling, dropout; and back through loadLayersModel', async () => {
    const model = sequentialModel(
      [
        { type: 'conv2d', filters: 3, kernelSize: 3, activation: 'elu', padding: 'same' },
        { type: 'batchNorm' },
        { type: 'maxPool2d', poolSize: 2 },
        { type: 'conv2d', filters: 2, kernelSize: 2, strides: 2, useBias: false, activation: 'sigmoid' },
        { type: 'flatten' },
        { type: 'dropout', rate: 0.2 },
        { type: 'dense', units: 3, activation: 'softmax' },
      ],
      { inputShape: [8, 8, 1], spec: 'small-cnn' },
    );
    const theta = model.init(5);
    tf.tidy(() => calibrateBatchNorm(model, tf.tensor1d(theta), tf.randomNormal([16, 8, 8, 1], 0.3, 2, 'float32', 2)));
    expect(model.state.size).toBe(2);
    const dir = join(root, `cnn-${backend}`);
    await saveLayersModel(dir, model, tf.tidy(() => tf.tensor1d(theta)));
    const reference = await readWithTfjs(dir);
    const [ours, theirs] = tf.tidy(() => {
      const x = tf.randomNormal([3, 8, 8, 1], 0, 1, 'float32', 7);
      return [model.apply(tf.tensor1d(theta), x).dataSync(), (reference.predict(x) as tf.Tensor).dataSync()];
    });
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 5));
    reference.dispose();

    const reloaded = await loadLayersModel(join(dir, 'model.json'));
    expect(Array.from(reloaded.theta)).toEqual(Array.from(theta));
    expect(reloaded.model.layout.map((b) => [b.name, b.shape])).toEqual(model.layout.map((b) => [b.name, b.shape]));
    for (const [key, values] of model.state) expect(Array.from(reloaded.model.state.get(key)!)).toEqual(Array.from(values));
  });
});

it('residual models have no Sequential form: E_MODEL_FORMAT', () => {
  const model = createModel('resnet-mlp:4x1:relu', { inputShape: [2], outputs: 1 });
  let caught: unknown;
  try {
    toLayersArtifacts(model, model.init(0));
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputError);
  expect((caught as InputError).code).toBe('E_MODEL_FORMAT');
  expect((caught as Error).message).toBe(
    'layer residual_1: residual blocks have no tfjs-layers Sequential form; only sequential models can be saved',
  );
  expect(() => toLayersArtifacts(model, new Float32Array(3))).toThrow(/θ has 3 values, the model has 57 parameters/);
});
