/**
 * `diagnose/training-health` end to end: a deep sigmoid net under plain SGD gets the
 * vanishing-gradient verdict detail and a verified fix; a healthy run gets no detector evidence.
 */
import { beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { makeTwoMoons } from '@losslens/data';
import { diagnose, diagnosisMarkdown, diagnosisReport } from '../src/index.js';

beforeAll(async () => {
  await initTensorflow({ backend: 'wasm' });
});

it('a deep sigmoid net under SGD: "optimization issue: vanishing gradients in layers 1–5 (ratio …)", ReLU tried and verified across 3 seeds', async () => {
  const before = tf.memory().numTensors;
  const d = await diagnose({ train: makeTwoMoons({ n: 200, seed: 0, noise: 0.15 }), model: 'mlp:32x32x32x32x32x32x32:sigmoid', optimizer: 'sgd', budget: 'quick', seed: 0 });
  expect(tf.memory().numTensors).toBe(before);
  expect(d.verdict).toBe('optimization');
  expect(d.checks.ran).toContain('diagnose/training-health');
  expect(d.detail).toMatch(/^optimization issue: vanishing gradients in layers 1–5 \(ratio 0\.0\d+ to the output layer, below 0\.03\)/);
  const h = d.measurements.health!;
  const vanishing = h.detections.find((x) => x.detector === 'vanishing-gradients')!;
  // Positions are the layers' numbers among the 8 weight layers (dense_k is layer k).
  expect(vanishing.positions).toEqual(vanishing.layers.map((l) => Number(l.replace('dense_', ''))));
  expect(vanishing.weightLayers).toBe(8);
  // The recorded re-run replays your run: the same final epoch's training loss as the comparison run.
  const signals = d.healthSignals!;
  expect(signals.epochs).toHaveLength(d.measurements.user.epochs + 1);
  expect(signals.epochs.at(-1)!.trainLoss).toBeCloseTo(d.measurements.user.history.at(-1)!.trainLoss, 4);
  // The fix: ReLU, helped on all 3 seeds; its "before" on your seed is your run's validation loss.
  const [fix] = h.repairs;
  expect(fix?.remedy).toBe('relu');
  expect(fix?.seeds).toEqual([0, 1, 2]);
  expect(fix?.helped).toBe(true);
  expect(Math.max(...fix!.after.validation)).toBeLessThan(Math.min(...fix!.before.validation));
  expect(fix!.before.validation[0]).toBeCloseTo(d.measurements.user.validation, 4);
  expect(fix!.before.train[0]).toBeCloseTo(d.measurements.user.train, 4);
  const repair = d.evidence.find((e) => e.check === 'repair')!;
  expect(repair.finding).toMatch(/^tried ReLU activations with He initialization .*: training loss 0\.69\d → 0\.\d+ \(seeds 0, 1, 2\), validation loss .*: helped/);
  expect(d.remedies[0]).toMatch(/^Fix the vanishing gradients: ReLU/);
  // The report: the detail, the detectors table and the per-layer charts.
  const md = diagnosisMarkdown(d);
  expect(md).toContain(`**${d.detail}**`);
  expect(md).toContain('| vanishing-gradients | yes | ');
  expect(md).toContain('| dying-relu | no | ');
  const html = await diagnosisReport(d);
  expect(html).toContain('Training health: detectors');
  expect(html).toContain('Gradient norm per layer (probe batch)');
  expect(html).toContain('Dead or saturated units per layer (probe batch)');
}, 600_000);

it('a healthy run gets no detector evidence: the check does not apply on the small-training-loss branch', async () => {
  const before = tf.memory().numTensors;
  const d = await diagnose({ train: makeTwoMoons({ n: 300, seed: 1, noise: 0.1 }), model: 'mlp:32x32:relu', budget: 'quick', seed: 1, epochs: 60 });
  expect(tf.memory().numTensors).toBe(before);
  expect(d.verdict).toBe('healthy');
  expect(d.checks.skipped).toContain('diagnose/training-health');
  expect(d.measurements.health).toBeUndefined();
  expect(d.detail).toBeUndefined();
  expect(d.evidence.map((e) => e.check)).not.toContain('training-health');
  expect(diagnosisMarkdown(d)).not.toContain('## Training health');
}, 300_000);
