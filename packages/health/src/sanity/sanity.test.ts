import { expect, it } from 'vitest';
import { createRng, type Dataset } from '@losslens/core';
import { makeTwoMoons, subset } from '@losslens/data';
import { createModel } from '@losslens/models';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { constantBaseline } from './brief-fit.js';
import { labelShuffleCheck, shuffleLabelsByRow } from './label-shuffle.js';
import { overfitOneBatch } from './overfit-batch.js';
import { zeroedInputBaseline } from './zeroed-input.js';

function randomRegression(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  return {
    name: 'noise', task: 'regression', n, featureShape: [2], outputs: 1, featureNames: ['a', 'b'], targetName: 'y', origin: 'test',
    features: Float32Array.from({ length: 2 * n }, () => rng.normal()),
    targets: Float32Array.from({ length: n }, () => rng.normal()),
  };
}

/** Least-squares MSE of y on [x, 1] in float64 (normal equations, Gaussian elimination). */
function leastSquaresMse(ds: Dataset): number {
  const rows = Array.from({ length: ds.n }, (_, i) => [ds.features[2 * i]!, ds.features[2 * i + 1]!, 1]);
  const a = [0, 1, 2].map((r) => [0, 1, 2].map((c) => rows.reduce((s, x) => s + x[r]! * x[c]!, 0)));
  const b = [0, 1, 2].map((r) => rows.reduce((s, x, i) => s + x[r]! * ds.targets[i]!, 0));
  for (let p = 0; p < 3; p++) for (let r = p + 1; r < 3; r++) { const f = a[r]![p]! / a[p]![p]!; for (let c = p; c < 3; c++) a[r]![c]! -= f * a[p]![c]!; b[r]! -= f * b[p]!; }
  const w = [0, 0, 0];
  for (let r = 2; r >= 0; r--) w[r] = (b[r]! - [0, 1, 2].filter((c) => c > r).reduce((s, c) => s + a[r]![c]! * w[c]!, 0)) / a[r]![r]!;
  return rows.reduce((s, x, i) => s + (x[0]! * w[0]! + x[1]! * w[1]! + w[2]! - ds.targets[i]!) ** 2, 0) / ds.n;
}

it('constantBaseline is the class-frequency cross-entropy and the train-mean MSE', () => {
  const cls: Dataset = { name: 'c', task: 'classification', n: 4, featureShape: [1], outputs: 2, featureNames: ['x'], targetName: 'y', origin: 't', features: new Float32Array(4), targets: Float32Array.from([0, 0, 0, 1]) };
  const other: Dataset = { ...cls, n: 2, features: new Float32Array(2), targets: Float32Array.from([1, 1]) };
  expect(constantBaseline(cls)).toBeCloseTo(-(3 * Math.log(0.75) + Math.log(0.25)) / 4, 12);
  expect(constantBaseline(cls, other)).toBeCloseTo(-Math.log(0.25), 12);
  const reg: Dataset = { ...cls, task: 'regression', outputs: 1, targets: Float32Array.from([1, 2, 3, 6]) };
  expect(constantBaseline(reg)).toBeCloseTo((4 + 1 + 0 + 9) / 4, 12);
});

it('shuffleLabelsByRow keeps the label multiset and gives equal rows equal labels', () => {
  const moons = makeTwoMoons({ n: 40, seed: 1 });
  const train = subset(moons, Array.from({ length: 30 }, (_, i) => i));
  const validation = subset(moons, [0, 1, 2, 35, 36]);
  const s = shuffleLabelsByRow(train, validation, 3);
  expect(s.sharedRows).toBe(3);
  expect([...s.validation.targets.subarray(0, 3)]).toEqual([...s.train.targets.subarray(0, 3)]);
  const sorted = (a: Float32Array) => [...a].sort();
  expect(sorted(Float32Array.from([...s.train.targets, ...s.validation.targets.subarray(3)]))).toEqual(
    sorted(Float32Array.from([...train.targets, ...validation.targets.subarray(3)])),
  );
});

describeBackends('sanity checks', () => {
  it('overfitOneBatch: an MLP memorizes 16 noise rows, a linear model cannot beat least squares', async () => {
    const train = randomRegression(40, 2);
    const mlp = await expectNoLeaks(() => overfitOneBatch({ model: createModel('mlp:64x64:relu', { inputShape: [2], outputs: 1 }), train, learningRate: 0.01, seed: 1 }));
    expect(mlp.passed).toBe(true);
    expect(mlp.rows).toBe(16);
    expect(mlp.ratio).toBeLessThanOrEqual(0.05);
    const linear = await overfitOneBatch({ model: createModel('linear', { inputShape: [2], outputs: 1 }), train, learningRate: 0.05, seed: 1 });
    const best = leastSquaresMse(subset(train, Array.from({ length: 16 }, (_, i) => i)));
    expect(best / linear.initialLoss).toBeGreaterThan(0.05); // so it must fail
    expect(linear.passed).toBe(false);
    expect(linear.finalLoss).toBeGreaterThanOrEqual(best * (1 - 1e-4));
    expect(linear.finalLoss).toBeLessThan(best * 1.05); // it did train (300 Adam steps reach the optimum)
  });

  it('zeroedInputBaseline: real inputs beat zeros on moons; the zeroed model reaches the constant baseline; noise inputs fail', async () => {
    const moons = makeTwoMoons({ n: 240, seed: 4, noise: 0.15 });
    const train = subset(moons, Array.from({ length: 180 }, (_, i) => i));
    const validation = subset(moons, Array.from({ length: 60 }, (_, i) => 180 + i));
    const model = createModel('mlp:16:relu', { inputShape: [2], outputs: 2, task: 'classification' });
    const check = await expectNoLeaks(() => zeroedInputBaseline({ model, train, validation, learningRate: 0.02, epochs: 30 }));
    expect(check.on).toBe('validation');
    expect(check.passed).toBe(true);
    expect(check.zeroedLoss).toBeCloseTo(check.constantLoss, 1);
    const noise = randomRegression(120, 5);
    const noiseCheck = await zeroedInputBaseline({ model: createModel('mlp:16:relu', { inputShape: [2], outputs: 1 }), train: subset(noise, Array.from({ length: 90 }, (_, i) => i)), validation: subset(noise, Array.from({ length: 30 }, (_, i) => 90 + i)), epochs: 20 });
    expect(noiseCheck.passed).toBe(false);
  });

  it('labelShuffleCheck: disjoint validation stays at baseline, a validation set made of training rows leaks', async () => {
    const moons = makeTwoMoons({ n: 200, seed: 6, noise: 0.15 });
    const train = subset(moons, Array.from({ length: 150 }, (_, i) => i));
    const validation = subset(moons, Array.from({ length: 50 }, (_, i) => 150 + i));
    const model = createModel('mlp:64x64:relu', { inputShape: [2], outputs: 2, task: 'classification' });
    const clean = await expectNoLeaks(() => labelShuffleCheck({ model, train, validation, learningRate: 0.01, epochs: 40 }));
    expect(clean.sharedRows).toBe(0);
    expect(clean.passed).toBe(true);
    const leaky = await labelShuffleCheck({ model, train, validation: subset(train, Array.from({ length: 50 }, (_, i) => i)), learningRate: 0.01, epochs: 40 });
    expect(leaky.sharedRows).toBe(50);
    expect(leaky.passed).toBe(false);
    expect(leaky.ratio).toBeLessThan(0.95);
  }, 180_000); // four 40-epoch runs: slow when the machine is shared
});
