import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@losslens/core';
import { createModel, l2Penalty, mse, sequentialModel } from '@losslens/models';
import { describeBackends, expectNoLeaks, relativeError } from '@losslens/testing';
import { denseChainOf } from './batched-hvp.js';
import { datasetObjective } from './dataset-objective.js';
import { denseFromOperator, fullHessian } from './full-hessian.js';
import { hessianOperator } from './operator.js';
import { randomTheta, tinyData } from '../test/fixtures.js';

const asDataset = (data: { x: Float32Array; y: Float32Array; labels: number[] }, inputs: number, outputs: number, task: 'regression' | 'classification'): Dataset => ({
  name: 'tiny', task, n: data.labels.length, featureShape: [inputs], features: data.x,
  targets: task === 'classification' ? Float32Array.from(data.labels) : data.y,
  outputs, featureNames: Array.from({ length: inputs }, (_, i) => `x${i}`), targetName: 'y', origin: 'test:tiny',
});

it('recognizes dense chains only', () => {
  expect(denseChainOf(createModel('mlp:4x3:tanh', { inputShape: [3], outputs: 2 }))?.steps.length).toBe(3);
  expect(denseChainOf(createModel('linear', { inputShape: [3], outputs: 2 }))?.widest).toBe(3);
  const withActivationLayer = sequentialModel(
    [{ type: 'dense', units: 5 }, { type: 'activation', activation: 'elu' }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 2 }],
    { inputShape: [3] },
  );
  expect(denseChainOf(withActivationLayer)?.steps.map((s) => s.kind)).toEqual(['dense', 'activation', 'dense']);
  expect(denseChainOf(createModel('cnn:2c3:tanh:4', { inputShape: [6, 6, 1], outputs: 2 }))).toBeUndefined();
  expect(denseChainOf(createModel('resnet-mlp:4x1:relu', { inputShape: [3], outputs: 2 }))).toBeUndefined();
});

describeBackends('hvpMany', () => {
  const cases = [
    { spec: 'mlp:5x4:tanh', task: 'classification' as const, outputs: 3, batchSize: 4 as number | 'full' },
    { spec: 'mlp:6:relu', task: 'regression' as const, outputs: 2, batchSize: 'full' as const },
    { spec: 'mlp:4:sigmoid', task: 'classification' as const, outputs: 1, batchSize: 5 },
  ];
  for (const { spec, task, outputs, batchSize } of cases) {
    it(`equals one HVP per direction: ${spec} ${task}, chunks of ${batchSize}, with and without a penalty`, async () => {
      const data = tinyData(11, 3, outputs, 4);
      const model = createModel(spec, { inputShape: [3], outputs, task });
      const theta = randomTheta(model.parameterCount, 2);
      const directions = Array.from({ length: 7 }, (_, i) => randomTheta(model.parameterCount, 10 + i, 1));
      for (const penalty of [undefined, (t: tf.Tensor1D) => l2Penalty(t, 0.03)]) {
        const objective = datasetObjective(model, asDataset(data, 3, outputs, task), task === 'regression' ? mse : undefined, { batchSize, ...(penalty === undefined ? {} : { penalty }) });
        objective.loss(theta); // caches the chunks
        await expectNoLeaks(() => {
          const many = objective.hvpMany?.(theta, directions) ?? [];
          expect(many).toHaveLength(directions.length);
          directions.forEach((v, i) => expect(relativeError(many[i] as Float32Array, objective.hvp(theta, v))).toBeLessThan(1e-5));
        }, 'hvpMany');
        objective.dispose();
      }
    });
  }

  it('gives fullHessian the same matrix as one HVP per column', () => {
    const data = tinyData(9, 3, 3, 7);
    const model = createModel('mlp:6x4:tanh', { inputShape: [3], outputs: 3, task: 'classification' });
    const objective = datasetObjective(model, asDataset(data, 3, 3, 'classification'));
    const theta = randomTheta(model.parameterCount, 3);
    const batched = fullHessian(objective, theta);
    const { applyMany: _unused, ...single } = hessianOperator(objective, theta);
    const columns = denseFromOperator({ size: single.size, apply: (v) => single.apply(v), applications: 0 });
    expect(relativeError(batched.data, columns.data)).toBeLessThan(1e-5);
    expect(batched.applications).toBe(model.parameterCount);
    objective.dispose();
  });
});
