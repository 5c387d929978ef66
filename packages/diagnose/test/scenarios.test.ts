/**
 * The scenario suite: datasets and settings whose right verdict is known by construction,
 * each diagnosed on several seeds with the quick budget.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { makeConceptDrift, makeCovariateShift, makeCurve, makeSpirals, makeTwoMoons } from '@losslens/data';
import { diagnose, type DiagnoseOptions } from '../src/index.js';

beforeAll(async () => {
  await initTensorflow({ backend: 'wasm' });
});

/** Seeds 1–3 by default; `SCENARIO_SEEDS=4,5` runs others (the issue asks for 1–5 before a release). */
const seeds = (process.env['SCENARIO_SEEDS'] ?? '1,2,3').split(',').map(Number);
/** Per-test limit of the issue-20 scenarios (several training runs each; the machine may be shared). */
const SLOW = 300_000;

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

/** The numbers behind a verdict, printed so a failing seed can be read from the log. */
const brief = (d: Awaited<ReturnType<typeof diagnose>>) =>
  JSON.stringify({
    verdict: d.verdict,
    losses: d.losses,
    se: d.measurements.user.validationStandardError,
    rows: d.rows,
    curve: d.measurements.learningCurve,
    shift: d.measurements.shift?.tests.map((x) => [x.test, x.statistic]),
    others: d.measurements.others.map((r) => [r.label, r.train, r.validation, r.epochs]),
    seeds: d.seeds,
  });

describe('scenario suite (issue 20: sturdier verdicts)', () => {
  it.each(seeds)('concept shift with unchanged inputs (test labels follow -sin) is a mismatch: more rows do not close the test gap (seed %i)', async (seed) => {
    const flipped = makeCurve({ n: 200, seed: seed + 100, noise: 0.5, curve: (x) => -Math.sin(2 * x) });
    const d = await verdictOf({ train: makeCurve({ n: 60, seed, noise: 0.5, curve: 'sine' }), test: flipped, model: 'mlp:64x64:relu', seed, epochs: 150, batchSize: 8 });
    console.log(brief(d));
    expect(d.verdict).toBe('mismatch');
    expect(d.measurements.shift?.shifted).toBe(false);
    expect(d.evidence.find((e) => e.check === 'learning-curve')?.values['on']).toBe('test');
  }, SLOW);

  it.each(seeds)('test rows from another region of the input (KS D = 1) are a mismatch even when the model overfits too (seed %i)', async (seed) => {
    const line = (x: number) => 0.5 * x;
    const train = makeCurve({ n: 40, seed, noise: 0.5, curve: line, range: [-3, 0] });
    const test = makeCurve({ n: 200, seed: seed + 100, noise: 0.5, curve: line, range: [0.5, 3] });
    const d = await verdictOf({ train, test, model: 'mlp:64x64:relu', seed, epochs: 150, batchSize: 8 });
    console.log(brief(d));
    expect(d.verdict).toBe('mismatch');
    expect(d.evidence.find((e) => e.check === 'train-test-shift')?.values['decisive']).toBe(true);
  }, SLOW);

  it.each(seeds)('an under-trained linear classifier on separable data is not enough training, not model bias (seed %i)', async (seed) => {
    const { train, test } = makeConceptDrift({ n: 300, testN: 200, task: 'classification', angle: 0, seed });
    const d = await verdictOf({ train, test, model: 'linear', seed, epochs: 10 });
    console.log(brief(d));
    expect(d.verdict).toBe('optimization');
    expect(d.evidence.find((e) => e.check === 'longer-run')?.values['closesGap']).toBe(true);
  }, SLOW);

  it.each(seeds)('a small validation split with a small test gap is healthy: the test gap decides (seed %i)', async (seed) => {
    const line = (x: number) => 0.5 * x;
    const d = await verdictOf({
      train: makeCurve({ n: 40, seed, noise: 0.5, curve: line }),
      test: makeCurve({ n: 400, seed: seed + 100, noise: 0.5, curve: line }),
      model: 'linear',
      validationFraction: 0.15,
      seed,
      epochs: 300,
    });
    console.log(brief(d));
    expect(d.verdict).toBe('healthy');
    expect(d.rows.validation).toBe(6);
    expect(d.evidence.find((e) => e.check === 'generalization-gap')?.values['decidedBy']).toBe('test');
    expect(d.measurements.user.validationStandardError).toBeGreaterThan(0);
  }, SLOW);

  it.each(seeds)('a borderline right-sized model on a noisy target, on 3 seeds, is healthy on the means and says how often it held (seed %i)', async (seed) => {
    const d = await verdictOf({
      train: makeCurve({ n: 600, seed, noise: 0.5, curve: 'sine' }),
      test: makeCurve({ n: 300, seed: seed + 100, noise: 0.5, curve: 'sine' }),
      model: 'mlp:32x32:relu',
      seed,
      seeds: 3,
      epochs: 40,
    });
    console.log(brief(d));
    expect(d.verdict).toBe('healthy');
    expect(d.measurements.user.seeds?.map((s) => s.seed)).toEqual([seed, seed + 1, seed + 2]);
    expect(d.seeds?.verdicts).toHaveLength(3);
    expect(d.seeds?.held).toBeGreaterThanOrEqual(2);
    expect(d.evidence.find((e) => e.check === 'seeds')?.finding).toMatch(d.seeds?.seedDependent ? /seed-dependent/ : /held on all 3 seeds/);
  }, SLOW);
});
