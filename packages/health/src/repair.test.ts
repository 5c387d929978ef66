import { expect, it } from 'vitest';
import { createEventChannel, initTensorflow } from '@losslens/core';
import { makeTwoMoons, subset } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';
import { expectNoLeaks } from '@losslens/testing';
import { remediesFor, repairAndVerify, type RepairSettings } from './repair.js';

const deepSigmoid: RepairSettings = { spec: 'mlp:16x16x16x16x16x16:sigmoid', optimizer: 'sgd', learningRate: 0.1, epochs: 15, batchSize: 32 };

it('remediesFor lists the cheapest fixes first and only those that change something', () => {
  expect(remediesFor('vanishing-gradients', deepSigmoid).map((r) => r.settings.spec)).toEqual(['mlp:16x16x16x16x16x16:relu', 'mlp:16x16x16x16x16x16:sigmoid:bn']);
  expect(remediesFor('vanishing-gradients', { ...deepSigmoid, spec: 'linear' })).toEqual([]);
  expect(remediesFor('dying-relu', { ...deepSigmoid, spec: 'mlp:8:relu' }).map((r) => [r.name, r.settings.spec, r.settings.learningRate])).toEqual([
    ['elu', 'mlp:8:elu', 0.1],
    ['lower-rate', 'mlp:8:relu', 0.01],
  ]);
  expect(remediesFor('exploding-gradients', deepSigmoid)[0]!.settings.clipNorm).toBe(1);
  expect(remediesFor('learning-rate-too-small', deepSigmoid, { suggestedRate: 0.3 }).map((r) => r.settings.learningRate)).toEqual([0.3, 1]);
  expect(remediesFor('initial-loss', deepSigmoid)).toEqual([]);
});

it('repairAndVerify: ReLU fixes a deep sigmoid net across 3 seeds; a 10× higher rate for a healthy Adam run does not count', async () => {
  await initTensorflow({ backend: 'wasm' });
  const moons = makeTwoMoons({ n: 160, seed: 2, noise: 0.15 });
  const train = subset(moons, Array.from({ length: 120 }, (_, i) => i));
  const validation = subset(moons, Array.from({ length: 40 }, (_, i) => 120 + i));
  const trials = await expectNoLeaks(() => repairAndVerify({ train, validation, settings: deepSigmoid, detectors: ['vanishing-gradients'] }));
  expect(trials).toHaveLength(1);
  const [t] = trials;
  expect(t!.remedy).toBe('relu');
  expect(t!.helped).toBe(true);
  expect(Math.max(...t!.after)).toBeLessThan(Math.min(...t!.before));
  // The "before" losses are the plain runs: the same fit, seed by seed.
  const model = createModel(deepSigmoid.spec, { inputShape: [2], outputs: 2, task: 'classification' });
  const again = await fit({ model, train, validation, optimizer: 'sgd', learningRate: 0.1, epochs: 15, batchSize: 32, seed: 1, divergence: false });
  expect(t!.before[0]).toBeCloseTo(again.final!.validation!.loss, 5);
  expect(t!.beforeTrain[0]).toBeCloseTo(again.final!.train.loss, 5);
  expect(t!.seeds).toEqual([1, 2, 3]);
  expect(t!.afterTrain).toHaveLength(3);
  // Measured losses are reused: the baseline given, and a fix two detectors share trained once (3 runs, not 9).
  let runs = 0;
  const events = createEventChannel();
  events.on((e) => void (e.type === 'progress' && (runs += 1)));
  const shared = await repairAndVerify({ train, validation, settings: deepSigmoid, detectors: ['vanishing-gradients', 'saturation'], tries: 1, baseline: { on: t!.before, train: t!.beforeTrain }, events });
  expect(runs).toBe(3);
  expect(shared.map((x) => x.remedy)).toEqual(['relu', 'relu']);
  expect(shared[0]!.after).toEqual(t!.after);
  expect(shared[1]!.after).toEqual(t!.after);
  const healthy: RepairSettings = { spec: 'mlp:16:relu', optimizer: 'adam', learningRate: 0.02, epochs: 15, batchSize: 32 };
  const worse = await repairAndVerify({ train, validation, settings: healthy, detectors: ['plateau'], tries: 1 });
  expect(worse[0]!.remedy).toBe('higher-rate');
  expect(worse[0]!.helped).toBe(Math.max(...worse[0]!.after) < Math.min(...worse[0]!.before));
  expect(worse[0]!.helped).toBe(false);
}, 240_000); // 18 training runs: slow when the machine is shared
