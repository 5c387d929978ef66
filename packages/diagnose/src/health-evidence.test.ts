import { describe, expect, it } from 'vitest';
import { detectionPhrase, healthEvidence, layerRange, repairSentence, verdictDetail } from './health-evidence.js';
import type { HealthDetection, HealthRepair, Measurements, RunSummary, TrainingHealth } from './measurements.js';
import { remediesFor } from './remedies.js';
import { defaultThresholds as t } from './thresholds.js';
import { decide } from './tree.js';

const run = (label: string, role: RunSummary['role'], train: number, validation: number): RunSummary => ({
  label, role, spec: label, optimizer: 'sgd', learningRate: 0.01, parameters: 100, train, validation, diverged: false, epochs: 30, history: [],
});
const detection = (detector: string, fired: boolean, value: number, threshold: number, positions: number[] = []): HealthDetection => ({
  detector, fired, finding: `${detector} finding`, value, threshold, layers: positions.map((p) => `dense_${p}`), positions, weightLayers: 8,
});
const relu: HealthRepair = {
  detector: 'vanishing-gradients', remedy: 'relu', description: 'ReLU activations with He initialization', spec: 'mlp:32x32:relu', learningRate: 0.01, seeds: [0, 1, 2],
  before: { train: [0.693, 0.694, 0.692], validation: [0.7, 0.69, 0.71] },
  after: { train: [0.2, 0.25, 0.3], validation: [0.1, 0.2, 0.3] },
  beyondNoise: true,
  helped: true,
};
const health = (detections: HealthDetection[], repairs: HealthRepair[] = []): TrainingHealth => ({ seed: 0, epochs: 30, detections, repairs });
/** A deep net at the trivial baseline that nothing beats: the tree's fallback branch. */
const stuck = (h?: TrainingHealth): Measurements => ({
  task: 'classification', lossName: 'cross-entropy', baseline: { train: 0.693, validation: 0.693 },
  user: run('deep sigmoid', 'user', 0.693, 0.693), others: [run('wider', 'wider', 0.693, 0.693)],
  ...(h ? { health: h } : {}),
});

describe('health evidence', () => {
  it('layerRange writes contiguous positions as a range', () => {
    expect(layerRange([1, 2, 3, 4, 5])).toBe('layers 1–5');
    expect(layerRange([1, 3])).toBe('layers 1, 3');
    expect(layerRange([2])).toBe('layer 2');
  });

  it('detectionPhrase names the layers, the value and the threshold', () => {
    expect(detectionPhrase(detection('vanishing-gradients', true, 0.00199, 0.03, [1, 2, 3, 4, 5]))).toBe('vanishing gradients in layers 1–5 (ratio 0.00199 to the output layer, below 0.03)');
    expect(detectionPhrase({ ...detection('non-finite', true, 1, 0), epoch: 4 })).toBe('non-finite loss or weights from epoch 4');
  });

  it('repairSentence quotes the per-seed means (computed here by hand)', () => {
    const s = repairSentence(relu);
    // (0.693 + 0.694 + 0.692) / 3 = 0.693; (0.2 + 0.25 + 0.3) / 3 = 0.25; validation 0.7 → 0.2.
    expect(s).toBe(
      "tried ReLU activations with He initialization (mlp:32x32:relu, lr 0.01) for vanishing-gradients: training loss 0.693 → 0.25 (seeds 0, 1, 2), validation loss 0.7 → 0.2: helped (every seed's validation loss below every seed's without it)",
    );
    expect(repairSentence({ ...relu, helped: false })).toMatch(/: did not help: below the noise across seeds, but by less than the margin a run must beat another by$/);
    expect(repairSentence({ ...relu, helped: false, beyondNoise: false })).toMatch(/: did not help beyond the noise across seeds$/);
  });

  it('no fired detector: no evidence, no detail, the tree as without the measurement', () => {
    const quiet = stuck(health([detection('vanishing-gradients', false, 0.5, 0.03), detection('plateau', false, 0.4, 0.05)]));
    expect(healthEvidence(quiet)).toEqual([]);
    expect(verdictDetail(quiet)).toBeUndefined();
    const d = decide(quiet, t);
    expect(d).toEqual(decide(stuck(), t));
    expect(d.verdict).toBe('model-bias');
    expect(d.detail).toBeUndefined();
  });

  it('the tree reads fired detectors as a measurement: vanishing gradients make a model nothing beats an optimization issue', () => {
    const m = stuck(health([detection('vanishing-gradients', true, 0.00199, 0.03, [1, 2, 3, 4, 5]), detection('plateau', true, 0.135, 0.05), detection('saturation', false, 0, 0.5)], [relu]));
    const d = decide(m, t);
    expect(d.verdict).toBe('optimization');
    expect(d.detail).toBe('optimization issue: vanishing gradients in layers 1–5 (ratio 0.00199 to the output layer, below 0.03); a plateau (the loss moved 13.5 % of its start but ends no better than a constant prediction)');
    const checks = d.evidence.map((e) => e.check);
    expect(checks).toContain('training-health');
    expect(checks.filter((c) => c === 'repair')).toHaveLength(1);
    expect(d.evidence.find((e) => e.check === 'training-health')?.values['notFired']).toEqual(['saturation']);
    expect(remediesFor('optimization', m)[0]).toMatch(/^Fix the vanishing gradients: ReLU activations .* from 0.7 to 0.2 on every one of seeds 0, 1, 2/);
  });

  it('a plateau says which of its two rules fired', () => {
    const barely = stuck(health([detection('vanishing-gradients', true, 0.00199, 0.03, [1, 2, 3, 4, 5]), detection('plateau', true, 0.01, 0.05)], [relu]));
    expect(decide(barely, t).detail).toContain('a plateau (the loss moved 1 % of its start, below 5 %)');
  });

  it('a plateau alone does not turn model bias into an optimization issue', () => {
    const d = decide(stuck(health([detection('plateau', true, 0.01, 0.05)])), t);
    expect(d.verdict).toBe('model-bias');
    expect(d.detail).toBeUndefined();
    expect(d.evidence.map((e) => e.check)).toContain('training-health');
  });
});
