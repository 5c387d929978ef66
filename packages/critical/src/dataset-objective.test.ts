import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@losslens/core';
import { createModel, l2Penalty, mse } from '@losslens/models';
import { describeBackends, expectNoLeaks, finiteDifferenceHessian, relativeError } from '@losslens/testing';
import { datasetObjective } from './dataset-objective.js';
import { fullHessian } from './full-hessian.js';
import { denseNetObjective, randomTheta, tinyData } from '../test/fixtures.js';

/** A core Dataset built by hand from the fixture arrays (no dependence on @losslens/data loaders). */
const asDataset = (data: { x: Float32Array; y: Float32Array; labels: number[] }, inputs: number, outputs: number, task: 'regression' | 'classification'): Dataset => ({
  name: 'tiny',
  task,
  n: data.labels.length,
  featureShape: [inputs],
  features: data.x,
  targets: task === 'classification' ? Float32Array.from(data.labels) : data.y,
  outputs,
  featureNames: Array.from({ length: inputs }, (_, i) => `x${i}`),
  targetName: 'y',
  origin: 'test:tiny',
});

describeBackends('datasetObjective', () => {
  it('equals an independent hand-written network loss, gradient and HVP, whatever the chunk size', async () => {
    const data = tinyData(7, 3, 3, 12);
    const model = createModel('mlp:4:tanh', { inputShape: [3], outputs: 3, task: 'classification' });
    const reference = denseNetObjective([3, 4, 3], 'tanh', 'crossentropy', data); // same layout, own forward pass
    const theta = randomTheta(model.parameterCount, 5);
    const v = randomTheta(model.parameterCount, 6, 1);
    for (const batchSize of [3, 'full' as const]) {
      const baseline = tf.memory().numTensors;
      const objective = datasetObjective(model, asDataset(data, 3, 3, 'classification'), undefined, { batchSize });
      objective.loss(theta); // creates and caches the chunks' tensors
      expect(tf.memory().numTensors - baseline).toBe(batchSize === 3 ? 6 : 2); // x and y of 3 chunks / 1 chunk
      await expectNoLeaks(() => {
        expect(objective.loss(theta)).toBeCloseTo(reference.loss(theta), 5);
        expect(relativeError(objective.gradient(theta), reference.gradient(theta))).toBeLessThan(1e-5);
        expect(relativeError(objective.hvp(theta, v), reference.hvp(theta, v))).toBeLessThan(1e-5);
      }, 'objective calls (tensors cached after the first)');
      expect(objective.layout).toEqual(model.layout);
      objective.dispose();
      objective.dispose(); // twice is safe
      expect(tf.memory().numTensors).toBe(baseline);
    }
  });

  it('its dense Hessian matches finite differences of its gradient (sigmoid regression, with an L2 penalty)', () => {
    const data = tinyData(9, 2, 2, 3);
    const model = createModel('mlp:3:sigmoid', { inputShape: [2], outputs: 2 });
    const theta = randomTheta(model.parameterCount, 8);
    const plain = datasetObjective(model, asDataset(data, 2, 2, 'regression'), mse, { batchSize: 4 });
    const penalized = datasetObjective(model, asDataset(data, 2, 2, 'regression'), mse, { batchSize: 4, penalty: (t) => l2Penalty(t, 0.05) });
    const H = fullHessian(plain, theta);
    const reference = finiteDifferenceHessian((t) => plain.gradient(t), theta);
    expect(relativeError(H.data, reference.flat())).toBeLessThan(5e-4);
    // the penalty 0.05·Σθ² adds exactly 0.1·I
    const Hp = fullHessian(penalized, theta);
    const p = model.parameterCount;
    const added = Array.from(Hp.data, (x, k) => x - (H.data[k] as number));
    expect(relativeError(added, Array.from({ length: p * p }, (_, k) => (k % (p + 1) === 0 ? 0.1 : 0)))).toBeLessThan(1e-5);
    expect(penalized.loss(theta) - plain.loss(theta)).toBeCloseTo(0.05 * theta.reduce((s, t) => s + t * t, 0), 5);
    plain.dispose();
    penalized.dispose();
  });

  it('survives being called inside a caller\'s tf.tidy (cached tensors are kept)', () => {
    const data = tinyData(4, 2, 1, 1);
    const model = createModel('linear', { inputShape: [2], outputs: 1 });
    const objective = datasetObjective(model, asDataset(data, 2, 1, 'regression'));
    const theta = randomTheta(model.parameterCount, 1);
    const first = tf.tidy(() => objective.loss(theta));
    expect(objective.loss(theta)).toBe(first);
    objective.dispose();
  });
});

it('rejects data that do not fit the model, naming both', () => {
  const data = tinyData(4, 2, 1, 1);
  const model = createModel('linear', { inputShape: [3], outputs: 1 });
  expect(() => datasetObjective(model, asDataset(data, 2, 1, 'regression'))).toThrow(
    'test:tiny: the data has samples of shape [2], model "linear" takes [3]',
  );
  const wide = createModel('linear', { inputShape: [2], outputs: 2 });
  expect(() => datasetObjective(wide, asDataset(data, 2, 1, 'regression'))).toThrow('test:tiny: the data has 1 output(s), model "linear" has 2');
  const fits = createModel('linear', { inputShape: [2], outputs: 1 });
  expect(() => datasetObjective(fits, asDataset(data, 2, 1, 'regression'), undefined, { batchSize: 0 })).toThrow(
    'batchSize must be a positive integer or "full", got 0',
  );
});
