import { beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { makeCurve, makeTwoMoons } from '@losslens/data';
import { lossForTask, modelFromSpec } from '@losslens/models';
import { lossStandardError } from './standard-error.js';

beforeAll(async () => {
  await initTensorflow({ backend: 'cpu' });
});

/** Sample standard deviation over √n, in plain JS (the reference). */
const reference = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return sd / Math.sqrt(values.length);
};

it('the mse standard error matches sd(squared errors)/√n computed from the predictions in plain JS', () => {
  const data = makeCurve({ n: 50, seed: 3, noise: 0.3, curve: 'sine' });
  const model = modelFromSpec('linear', { inputShape: data.featureShape, outputs: 1, task: 'regression' });
  const theta = model.init(1);
  const before = tf.memory().numTensors;
  const se = lossStandardError(model, theta, data, lossForTask('regression'));
  expect(tf.memory().numTensors).toBe(before);
  // A linear model: prediction = w·x + b; θ's layout is [kernel (d×1), bias].
  const d = data.featureShape[0]!;
  const squared = Array.from({ length: data.n }, (_, i) => {
    let p = theta[d]!;
    for (let j = 0; j < d; j++) p += theta[j]! * data.features[i * d + j]!;
    return (p - data.targets[i]!) ** 2;
  });
  expect(se).toBeCloseTo(reference(squared), 5);
});

it('the cross-entropy standard error matches −log softmax per row in plain JS', () => {
  const data = makeTwoMoons({ n: 40, seed: 2, noise: 0.1 });
  const model = modelFromSpec('linear', { inputShape: data.featureShape, outputs: data.outputs, task: 'classification' });
  const theta = model.init(4);
  const se = lossStandardError(model, theta, data, lossForTask('classification', model));
  const d = data.featureShape[0]!;
  const k = data.outputs;
  const nll = Array.from({ length: data.n }, (_, i) => {
    const logits = Array.from({ length: k }, (_, c) => {
      let z = theta[d * k + c]!;
      for (let j = 0; j < d; j++) z += data.features[i * d + j]! * theta[j * k + c]!;
      return z;
    });
    const m = Math.max(...logits);
    const lse = m + Math.log(logits.reduce((a, z) => a + Math.exp(z - m), 0));
    return lse - logits[data.targets[i]!]!;
  });
  expect(se).toBeCloseTo(reference(nll), 5);
});
