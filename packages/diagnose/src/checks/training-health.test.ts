import { describe, expect, it } from 'vitest';
import type { Detection } from '@losslens/health';
import type { RunSummary } from '../measurements.js';
import { defaultThresholds } from '../thresholds.js';
import type { Decision } from '../tree.js';
import type { DiagnosisContext } from './context.js';
import { healthDetection, trainingHealthCheck } from './training-health.js';

const user = (train: number, extra: Partial<RunSummary> = {}): RunSummary => ({
  label: 'your model', role: 'user', spec: 'mlp:8x8:sigmoid', optimizer: 'sgd', learningRate: 0.01, parameters: 100, train, validation: train, diverged: false, epochs: 30, history: [{ epoch: 1, trainLoss: train }], ...extra,
});
const context = (decision: Pick<Decision, 'verdict' | 'path'>, u: RunSummary): DiagnosisContext =>
  ({ decision: { ...decision, evidence: [] }, measurements: { user: u, baseline: { train: 1, validation: 1 } }, thresholds: defaultThresholds }) as unknown as DiagnosisContext;

describe('diagnose/training-health', () => {
  it('applies to an optimization issue, to a run stuck at the baseline and to a non-finite loss; not when a flexible model already answered, nor on the small-loss branch', () => {
    const applies = (c: DiagnosisContext) => trainingHealthCheck.applies!(c);
    expect(applies(context({ verdict: 'optimization', path: ['training-loss-large', 'optimization'] }, user(0.5)))).toBe(true);
    // Stuck: 0.99 does not beat the baseline 1 by max(0.05, 0.099).
    expect(applies(context({ verdict: 'model-bias', path: ['training-loss-large', 'model-bias'] }, user(0.99)))).toBe(true);
    // Model bias that a more flexible model shows (your run well below the baseline): nothing to ask the detectors.
    expect(applies(context({ verdict: 'model-bias', path: ['training-loss-large', 'model-bias'] }, user(0.6)))).toBe(false);
    expect(applies(context({ verdict: 'healthy', path: ['training-loss-small', 'testing-loss-small', 'healthy'] }, user(0.1)))).toBe(false);
    expect(applies(context({ verdict: 'healthy', path: ['training-loss-small', 'testing-loss-small', 'healthy'] }, user(0.1, { history: [{ epoch: 1, trainLoss: Number.NaN }] })))).toBe(true);
  });

  it('healthDetection numbers the fired layers among the weight layers', () => {
    const d: Detection = { detector: 'dying-relu', fired: true, finding: '…', value: 0.8, threshold: 0.5, layers: ['dense_2', 'dense_4'] };
    const h = healthDetection(d, ['dense_1', 'dense_2', 'dense_3', 'dense_4', 'dense_5']);
    expect(h.positions).toEqual([2, 4]);
    expect(h.weightLayers).toBe(5);
    expect(healthDetection({ ...d, layers: undefined as never }, ['dense_1']).layers).toEqual([]);
  });
});
