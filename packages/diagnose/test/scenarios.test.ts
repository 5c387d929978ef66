/**
 * The scenario suite: datasets and settings whose right verdict is known by construction,
 * each diagnosed on several seeds with the quick budget.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { makeCovariateShift, makeCurve, makeSpirals, makeTwoMoons } from '@losslens/data';
import { diagnose, type DiagnoseOptions } from '../src/index.js';

beforeAll(async () => {
  await initTensorflow({ backend: 'wasm' });
});

const seeds = [1, 2, 3];

async function verdictOf(options: DiagnoseOptions) {
  const before = tf.memory().numTensors;
  const d = await diagnose({ budget: 'quick', ...options });
  expect(tf.memory().numTensors).toBe(before);
  return d;
}

describe('scenario suite (regression)', () => {
  it.each(seeds)('a linear model on a strongly nonlinear target is model bias (seed %i)', async (seed) => {
    const d = await verdictOf({ train: makeCurve({ n: 300, seed, noise: 0.1, curve: 'sine' }), model: 'linear', seed, epochs: 40 });
    expect(d.verdict).toBe('model-bias');
    expect(d.evidence.map((e) => e.check)).toContain('more-flexible-model');
  });

  it.each(seeds)('a deep plain sigmoid net under plain SGD beside a shallow one is an optimization issue (seed %i)', async (seed) => {
    const d = await verdictOf({
      train: makeCurve({ n: 300, seed, noise: 0.1, curve: 'sine' }),
      model: 'mlp:16x16x16x16x16x16x16x16:sigmoid',
      optimizer: 'sgd',
      learningRate: 0.05,
      seed,
      epochs: 40,
    });
    expect(d.verdict).toBe('optimization');
    expect(d.measurements.gradientFlow?.firstToLast).toBeLessThan(1);
    expect(d.hessian?.parameters).toBe(d.measurements.user.parameters);
  });

  it.each(seeds)('a wide net on a few dozen rows overfits (seed %i)', async (seed) => {
    const d = await verdictOf({
      train: makeCurve({ n: 30, seed, noise: 0.6, curve: 'sine' }),
      test: makeCurve({ n: 200, seed: seed + 100, noise: 0.6, curve: 'sine' }),
      model: 'mlp:128x128:relu',
      seed,
      epochs: 300,
      batchSize: 8,
    });
    expect(d.verdict).toBe('overfitting');
    expect(d.measurements.others.map((r) => r.role)).toContain('early-stopping');
  });

  it.each(seeds)('test inputs from a shifted region are a mismatch (seed %i)', async (seed) => {
    const { train, test } = makeCovariateShift({ n: 400, testN: 300, shift: 2.5, seed });
    const d = await verdictOf({ train, test, model: 'mlp:32x32:relu', seed, epochs: 40 });
    expect(d.verdict).toBe('mismatch');
    expect(d.measurements.shift?.shifted).toBe(true);
    expect(d.measurements.shift?.drivers[0]).toBe(train.featureNames[0]);
  });

  it.each(seeds)('a flexible model on plenty of clean data is healthy (seed %i)', async (seed) => {
    const d = await verdictOf({
      train: makeCurve({ n: 400, seed, noise: 0.1, curve: 'sine' }),
      test: makeCurve({ n: 200, seed: seed + 100, noise: 0.1, curve: 'sine' }),
      model: 'mlp:32x32:relu',
      seed,
      epochs: 120,
    });
    expect(d.verdict).toBe('healthy');
  });

  it.each(seeds)('a right-sized model on a noisy target is healthy, though wider nets memorize more (seed %i)', async (seed) => {
    const d = await verdictOf({
      train: makeCurve({ n: 600, seed, noise: 0.5, curve: 'sine' }),
      test: makeCurve({ n: 300, seed: seed + 100, noise: 0.5, curve: 'sine' }),
      model: 'mlp:32x32:relu',
      seed,
      epochs: 40,
    });
    expect(d.verdict).toBe('healthy');
  });
});

describe('scenario suite (classification)', () => {
  it.each(seeds)('an MLP on plenty of two-moons data is healthy (seed %i)', async (seed) => {
    const d = await verdictOf({
      train: makeTwoMoons({ n: 400, seed, noise: 0.1 }),
      test: makeTwoMoons({ n: 200, seed: seed + 100, noise: 0.1 }),
      model: 'mlp:32x32:relu',
      seed,
      epochs: 40,
    });
    expect(d.verdict).toBe('healthy');
    expect(d.measurements.user.testAccuracy).toBeGreaterThan(0.95);
  });

  it.each(seeds)('classification test inputs from a shifted region are a mismatch (seed %i)', async (seed) => {
    const { train, test } = makeCovariateShift({ n: 400, testN: 300, shift: 2.5, seed, task: 'classification' });
    const d = await verdictOf({ train, test, model: 'mlp:32x32:relu', seed, epochs: 40 });
    expect(d.verdict).toBe('mismatch');
  });

  it.each(seeds)('a linear classifier on two moons is model bias (seed %i)', async (seed) => {
    const d = await verdictOf({ train: makeTwoMoons({ n: 300, seed, noise: 0.1 }), model: 'linear', seed, epochs: 40 });
    expect(d.verdict).toBe('model-bias');
  });

  it.each(seeds)('a wide net on a few dozen spiral points overfits (seed %i)', async (seed) => {
    const d = await verdictOf({
      train: makeSpirals({ n: 48, seed, noise: 0.3 }),
      test: makeSpirals({ n: 300, seed: seed + 100, noise: 0.3 }),
      model: 'mlp:128x128:relu',
      learningRate: 0.01,
      seed,
      epochs: 100,
      batchSize: 8,
    });
    expect(d.verdict).toBe('overfitting');
  });
});
