import { afterAll, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@losslens/core';
import { createModel, loadLayersModel, mse } from '@losslens/models';
import { describeBackends } from '@losslens/testing';
import { datasetObjective } from './dataset-objective.js';
import { fullHessian } from './full-hessian.js';
import { objectiveFromLoss } from './objective.js';
import { symmetricEigenvalues } from './symmetric-eigen.js';
import { tinyData } from '../test/fixtures.js';
import { writeLayersNet } from '../test/layers-model.js';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

const regression = (data: { x: Float32Array; y: Float32Array; labels: number[] }, inputs: number, outputs: number): Dataset => ({
  name: 'tiny', task: 'regression', n: data.labels.length, featureShape: [inputs], features: data.x, targets: data.y, outputs,
  featureNames: Array.from({ length: inputs }, (_, i) => `x${i}`), targetName: 'y', origin: 'test:tiny',
});

const spectrum = (objective: ReturnType<typeof datasetObjective>, theta: Float32Array) => symmetricEigenvalues(fullHessian(objective, theta));

describeBackends('a tfjs-layers model.json', () => {
  for (const activation of ['tanh', 'sigmoid'] as const) {
    it(`${activation} with biases: same Hessian spectrum as the same net built from the spec mlp:4:${activation}`, async () => {
      const folder = await mkdtemp(join(tmpdir(), 'losslens-critical-'));
      folders.push(folder);
      const { path, weights } = await writeLayersNet(folder, { inputs: 3, hidden: 4, outputs: 2, activation, useBias: true, seed: 3 });
      const loaded = await loadLayersModel(path);
      const data = regression(tinyData(10, 3, 2, 5), 3, 2);
      const spec = createModel(`mlp:4:${activation}`, { inputShape: [3], outputs: 2 });
      // the spec model's θ assembled by hand from the tfjs-layers weights, in the spec's layout
      const theta = new Float32Array(spec.parameterCount);
      spec.layout.forEach((block, k) => theta.set(weights[k] as Float32Array, block.offset));
      expect(Array.from(loaded.theta)).toEqual(Array.from(theta));
      const fromFile = datasetObjective(loaded.model, data, mse);
      const fromSpec = datasetObjective(spec, data, mse);
      const a = spectrum(fromFile, loaded.theta);
      const b = spectrum(fromSpec, theta);
      const scale = Math.max(...Array.from(b, Math.abs));
      a.forEach((value, i) => expect(Math.abs(value - (b[i] as number))).toBeLessThan(1e-5 * scale));
      fromFile.dispose();
      fromSpec.dispose();
    });
  }

  it('tanh without biases: same spectrum as a hand-written tanh(xW₁)W₂ loss', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'losslens-critical-'));
    folders.push(folder);
    const { path, weights } = await writeLayersNet(folder, { inputs: 2, hidden: 3, outputs: 1, activation: 'tanh', useBias: false, seed: 8 });
    const loaded = await loadLayersModel(path);
    expect(loaded.model.parameterCount).toBe(9);
    const raw = tinyData(12, 2, 1, 2);
    const objective = datasetObjective(loaded.model, regression(raw, 2, 1), mse);
    const reference = objectiveFromLoss((t) => {
      const w1 = tf.reshape(tf.slice(t, [0], [6]), [2, 3]);
      const w2 = tf.reshape(tf.slice(t, [6], [3]), [3, 1]);
      const prediction = tf.matMul(tf.tanh(tf.matMul(tf.tensor2d(raw.x, [12, 2]), w1)), w2);
      return tf.mean(tf.square(tf.sub(prediction, tf.tensor2d(raw.y, [12, 1]))));
    }, 9);
    const theta = Float32Array.from([...(weights[0] as Float32Array), ...(weights[1] as Float32Array)]);
    const a = symmetricEigenvalues(fullHessian(objective, loaded.theta));
    const b = symmetricEigenvalues(fullHessian(reference, theta));
    const scale = Math.max(...Array.from(b, Math.abs));
    a.forEach((value, i) => expect(Math.abs(value - (b[i] as number))).toBeLessThan(1e-5 * scale));
    objective.dispose();
  });
});
