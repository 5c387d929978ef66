import { afterAll, beforeAll, expect, it } from 'vitest';
import * as tfjs from '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, createRng } from '@losslens/core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { layersModelFromArtifacts, loadLayersModel } from './load-layers-model.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'losslens-models-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Saves a tfjs-layers model into `dir` as model.json + weights.bin, through a custom IOHandler. */
async function saveWithTfjs(model: tfjs.LayersModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.save(
    tfjs.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData === undefined ? new ArrayBuffer(0) : tfjs.io.CompositeArrayBuffer.join(artifacts.weightData);
      await writeFile(join(dir, 'weights.bin'), new Uint8Array(data));
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

/** Gives every weight seeded random values (moving variances positive). */
function randomizeWeights(model: tfjs.LayersModel, seed: number): void {
  const rng = createRng(seed);
  const values = model.weights.map((w) => {
    const n = (w.shape as number[]).reduce((a, b) => a * b, 1);
    const positive = w.originalName.endsWith('moving_variance');
    return tfjs.tensor(Float32Array.from({ length: n }, () => (positive ? 0.5 + rng.uniform() : 0.8 * rng.normal())), w.shape as number[]);
  });
  model.setWeights(values);
  tfjs.dispose(values);
}

async function expectSameOutputs(reference: tfjs.LayersModel, dir: string, inputShape: number[]): Promise<void> {
  const { model, theta } = await loadLayersModel(join(dir, 'model.json'));
  expect(model.inputShape).toEqual(inputShape);
  const [ours, theirs] = await expectNoLeaks(() =>
    tf.tidy((): [Float32Array, Float32Array] => {
      const x = tf.randomNormal([3, ...inputShape], 0, 1, 'float32', 4);
      const predicted = reference.predict(x) as tf.Tensor;
      return [model.apply(tf.tensor1d(theta), x).dataSync() as Float32Array, predicted.dataSync() as Float32Array];
    }),
  );
  expect(ours.length).toBe(theirs.length);
  ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 4));
}

describeBackends('imported tfjs-layers models predict like tfjs-layers', (backend) => {
  it('dense layers: tanh, sigmoid, elu, gelu, softplus, with and without bias', async () => {
    const reference = tfjs.sequential({
      layers: [
        tfjs.layers.dense({ inputShape: [4], units: 5, activation: 'tanh' }),
        tfjs.layers.dense({ units: 5, activation: 'sigmoid', useBias: false }),
        tfjs.layers.dense({ units: 4, activation: 'elu' }),
        tfjs.layers.dense({ units: 4, activation: 'gelu' }),
        tfjs.layers.dense({ units: 3, activation: 'softplus' }),
        tfjs.layers.dense({ units: 2 }),
      ],
    });
    randomizeWeights(reference, 1);
    const dir = join(root, `dense-${backend}`);
    await saveWithTfjs(reference, dir);
    await expectSameOutputs(reference, dir, [4]);
    reference.dispose();
  });

  it('conv, pooling, batch norm (moving statistics), flatten, dropout, softmax', async () => {
    const reference = tfjs.sequential({
      layers: [
        tfjs.layers.conv2d({ inputShape: [9, 8, 2], filters: 3, kernelSize: 3, activation: 'relu', padding: 'same' }),
        tfjs.layers.maxPooling2d({ poolSize: 2 }),
        tfjs.layers.batchNormalization({}),
        tfjs.layers.conv2d({ filters: 4, kernelSize: [2, 3], strides: 2, useBias: false }),
        tfjs.layers.averagePooling2d({ poolSize: 1 }),
        tfjs.layers.flatten(),
        tfjs.layers.dropout({ rate: 0.5 }),
        tfjs.layers.dense({ units: 3 }),
        tfjs.layers.activation({ activation: 'softmax' }),
      ],
    });
    randomizeWeights(reference, 2);
    const dir = join(root, `cnn-${backend}`);
    await saveWithTfjs(reference, dir);
    await expectSameOutputs(reference, dir, [9, 8, 2]);
    const { model } = await loadLayersModel(dir); // a folder works too
    expect(model.outputActivation).toBe('softmax');
    expect([...model.state.keys()]).toEqual([
      expect.stringMatching(/moving_mean$/),
      expect.stringMatching(/moving_variance$/),
    ]);
    reference.dispose();
  });
});

/** A hand-written Keras-style model.json: InputLayer, `model_config` wrapper, scoped weight names, two shards. */
it('reads Keras-converted files: InputLayer, model_config, scoped names, several shards, uint8 quantization', async () => {
  const dir = join(root, 'keras');
  await mkdir(dir, { recursive: true });
  const json = {
    format: 'layers-model',
    modelTopology: {
      keras_version: '2.13.1',
      backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: {
          name: 'sequential',
          layers: [
            { class_name: 'InputLayer', config: { batch_input_shape: [null, 2], dtype: 'float32', name: 'input_1' } },
            { class_name: 'Dense', config: { name: 'dense', units: 2, activation: 'relu', use_bias: true } },
            { class_name: 'Dense', config: { name: 'dense_1', units: 1, activation: 'linear', use_bias: false } },
          ],
        },
      },
    },
    weightsManifest: [
      {
        paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
        weights: [
          { name: 'sequential/dense/kernel', shape: [2, 2], dtype: 'float32' },
          { name: 'sequential/dense/bias', shape: [2], dtype: 'float32' },
        ],
      },
      {
        paths: ['group2-shard1of1.bin'],
        weights: [{ name: 'dense_1/kernel:0', shape: [2, 1], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } }],
      },
    ],
  };
  const group1 = new Uint8Array(Float32Array.of(1, 2, 3, 4, 0.5, -0.5).buffer);
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  await writeFile(join(dir, 'group1-shard1of2.bin'), group1.subarray(0, 10));
  await writeFile(join(dir, 'group1-shard2of2.bin'), group1.subarray(10));
  await writeFile(join(dir, 'group2-shard1of1.bin'), Uint8Array.of(4, 1)); // −1 + 0.5·[4, 1] = [1, −0.5]
  const { model, theta } = await loadLayersModel(join(dir, 'model.json'));
  expect(Array.from(theta)).toEqual([1, 2, 3, 4, 0.5, -0.5, 1, -0.5]);
  expect(model.layers.map((l) => l.name)).toEqual(['dense', 'dense_1']);
});

const expectFormatError = async (attempt: Promise<unknown>, message: string, code = 'E_MODEL_FORMAT') => {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).code).toBe(code);
  expect((error as Error).message).toBe(message);
  expect((error as Error).message).not.toContain('\n');
};

/** A valid one-layer model folder, then a mutation of it. */
async function modelFolder(name: string, edit: (json: Record<string, unknown>) => unknown = (j) => j, weights?: Uint8Array) {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const json: Record<string, unknown> = {
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: 1, batch_input_shape: [null, 2] } }] },
    },
    weightsManifest: [
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'd/kernel', shape: [2, 1], dtype: 'float32' },
          { name: 'd/bias', shape: [1], dtype: 'float32' },
        ],
      },
    ],
  };
  const edited = edit(json);
  await writeFile(join(dir, 'model.json'), typeof edited === 'string' ? edited : JSON.stringify(edited));
  await writeFile(join(dir, 'weights.bin'), weights ?? new Uint8Array(Float32Array.of(1, 2, 3).buffer));
  return join(dir, 'model.json');
}

const manifestPaths = (paths: string[]) => (json: Record<string, unknown>) => {
  (json['weightsManifest'] as { paths: string[] }[])[0]!.paths = paths;
  return json;
};

it('bad files are one-line E_MODEL_FORMAT errors naming the file and the problem', async () => {
  const ok = await modelFolder('ok');
  expect((await loadLayersModel(ok)).theta).toEqual(Float32Array.of(1, 2, 3));

  let file = await modelFolder('dotdot', manifestPaths(['../weights.bin']));
  await expectFormatError(
    loadLayersModel(file),
    `${file}: weight path "../weights.bin" leaves the model folder; weight files must be relative paths inside the model's folder`,
  );
  file = await modelFolder('nested-dotdot', manifestPaths(['sub/../../x.bin']));
  await expectFormatError(loadLayersModel(file), `${file}: weight path "sub/../../x.bin" leaves the model folder; weight files must be relative paths inside the model's folder`);
  file = await modelFolder('absolute', manifestPaths(['/etc/passwd']));
  await expectFormatError(loadLayersModel(file), `${file}: weight path "/etc/passwd" is absolute; weight files must be relative paths inside the model's folder`);
  file = await modelFolder('url', manifestPaths(['https://example.com/w.bin']));
  await expectFormatError(loadLayersModel(file), `${file}: weight path "https://example.com/w.bin" is a URL or drive path; weight files must be relative paths inside the model's folder`);

  file = await modelFolder('truncated', undefined, new Uint8Array(Float32Array.of(1, 2, 3).buffer).subarray(0, 10));
  await expectFormatError(loadLayersModel(file), `${file}: weight file "weights.bin" is truncated: the manifest needs 12 bytes, found 10`);
  file = await modelFolder('long', undefined, new Uint8Array(16));
  await expectFormatError(loadLayersModel(file), `${file}: weight file "weights.bin" has 16 bytes but the manifest describes 12`);
  file = await modelFolder('missing', manifestPaths(['nothere.bin']));
  await expectFormatError(loadLayersModel(file), `${file}: weight file "nothere.bin" is missing`);

  file = await modelFolder('malformed', () => '{"modelTopology": {');
  await expectFormatError(loadLayersModel(file), `${file}: not valid JSON (${jsonError('{"modelTopology": {')})`);
  file = await modelFolder('empty', () => '  ');
  await expectFormatError(loadLayersModel(file), `${file}: the file is empty`);

  file = await modelFolder('lstm', (json) => {
    const layers = ((json['modelTopology'] as Record<string, Record<string, unknown>>)['config']!['layers'] as unknown[]);
    layers.push({ class_name: 'LSTM', config: { name: 'lstm_1', units: 3 } });
    return json;
  });
  await expectFormatError(
    loadLayersModel(file),
    `${file}: layer lstm_1: unsupported layer "LSTM" (supported: Dense, Conv2D, MaxPooling2D, AveragePooling2D, Flatten, Reshape, Dropout, Activation, BatchNormalization)`,
  );
  file = await modelFolder('selu', (json) => {
    const layers = (json['modelTopology'] as Record<string, Record<string, unknown[]>>)['config']!['layers']!;
    (layers[0] as { config: Record<string, unknown> }).config['activation'] = 'selu';
    return json;
  });
  await expectFormatError(loadLayersModel(file), `${file}: layer d: unsupported activation "selu"`);
  file = await modelFolder('functional', (json) => {
    (json['modelTopology'] as Record<string, unknown>)['class_name'] = 'Functional';
    return json;
  });
  await expectFormatError(loadLayersModel(file), `${file}: only Sequential models are supported, this one is "Functional"`);
  file = await modelFolder('graph', () => ({ format: 'graph-model', modelTopology: { node: [] } }));
  await expectFormatError(
    loadLayersModel(file),
    `${file}: is a tfjs graph model (tfjs-converter); only layers models (format "layers-model") are supported`,
  );
  file = await modelFolder('no-input-shape', (json) => {
    const layers = (json['modelTopology'] as Record<string, Record<string, unknown[]>>)['config']!['layers']!;
    delete (layers[0] as { config: Record<string, unknown> }).config['batch_input_shape'];
    return json;
  });
  await expectFormatError(loadLayersModel(file), `${file}: the first layer has no "batch_input_shape"; the input shape is unknown`);
  file = await modelFolder('wrong-name', (json) => {
    (json['weightsManifest'] as { weights: { name: string }[] }[])[0]!.weights[1]!.name = 'other/bias';
    return json;
  });
  await expectFormatError(loadLayersModel(file), `${file}: weight "d/bias" is missing from the weights manifest`);
  file = await modelFolder('wrong-shape', (json) => {
    const weights = (json['weightsManifest'] as { weights: { shape: number[] }[] }[])[0]!.weights;
    weights[0]!.shape = [1, 2];
    return json;
  });
  await expectFormatError(loadLayersModel(file), `${file}: weight "d/kernel" has shape [1, 2], the layer needs [2, 1]`);

  const nowhere = join(root, 'nowhere', 'model.json');
  await expectFormatError(loadLayersModel(nowhere), `${nowhere}: file not found`, 'E_FILE_NOT_FOUND');
});

it('layersModelFromArtifacts checks the byte count of in-memory weights', () => {
  const json = {
    modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'd', units: 1, batch_input_shape: [null, 1] } }] } },
    weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'd/kernel', shape: [1, 1], dtype: 'float32' }, { name: 'd/bias', shape: [1], dtype: 'float32' }] }],
  };
  expect(() => layersModelFromArtifacts(json, new ArrayBuffer(4), { label: 'mem' })).toThrow(
    'mem: the weight data is truncated: the manifest needs 8 bytes, found 4',
  );
  expect(Array.from(layersModelFromArtifacts(json, Float32Array.of(2, 3).buffer).theta)).toEqual([2, 3]);
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}
