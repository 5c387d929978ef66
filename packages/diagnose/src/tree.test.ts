import { describe, expect, it } from 'vitest';
import { decide } from './tree.js';
import { remediesFor } from './remedies.js';
import { defaultThresholds as t, beats, gapIsLarge } from './thresholds.js';
import type { Measurements, RunSummary } from './measurements.js';

const run = (label: string, role: RunSummary['role'], train: number, validation: number, extra: Partial<RunSummary> = {}): RunSummary => ({
  label,
  role,
  spec: label,
  optimizer: 'sgd',
  learningRate: 0.01,
  parameters: 100,
  train,
  validation,
  diverged: false,
  epochs: 10,
  history: [],
  ...extra,
});

const measure = (user: RunSummary, others: RunSummary[], extra: Partial<Measurements> = {}): Measurements => ({
  task: 'regression',
  lossName: 'mse',
  baseline: { train: 1, validation: 1, test: 1 },
  user,
  others,
  ...extra,
});

describe('thresholds', () => {
  it('beats needs the larger of the absolute and relative margins', () => {
    expect(beats(0.05, 0.5, 1, t)).toBe(true); // margin max(0.05, 0.05)
    expect(beats(0.46, 0.5, 1, t)).toBe(false);
    expect(beats(0.84, 1.0, 1, t)).toBe(true); // 0.84 < 1.0 − 0.1
    expect(beats(0.26, 0.3, 1, t)).toBe(false); // 0.26 is not < 0.3 − 0.05
    expect(beats(0.01, 0.07, 1, t)).toBe(true); // 0.01 < 0.07 − 0.05
  });
  it('gapIsLarge uses max(0.1 × baseline, 0.5 × train)', () => {
    expect(gapIsLarge(0.33, 0.3, 1, t)).toBe(false);
    expect(gapIsLarge(0.5, 0.01, 1, t)).toBe(true);
    expect(gapIsLarge(0.105, 0.01, 1, t)).toBe(false);
  });
});

describe('decide', () => {
  it('model bias: a flexible model trains far lower and validates lower', () => {
    const m = measure(run('linear', 'user', 0.55, 0.57), [run('mlp:64x64:relu', 'flexible', 0.04, 0.06)]);
    const d = decide(m, t);
    expect(d.verdict).toBe('model-bias');
    expect(d.path).toEqual(['training-loss-large', 'model-bias']);
    expect(d.evidence.map((e) => e.check)).toEqual(['training-loss', 'more-flexible-model']);
    expect(remediesFor('model-bias', m)[0]).toMatch(/mlp:64x64:relu reaches training loss 0.04/);
  });

  it('optimization: a shallower net trains lower than the deep one', () => {
    const m = measure(run('deep', 'user', 0.98, 0.99), [
      run('shallow', 'shallower', 0.1, 0.12),
      run('wide', 'wider', 0.97, 0.99),
    ]);
    expect(decide(m, t).verdict).toBe('optimization');
    expect(decide(m, t).evidence.map((e) => e.check)).toContain('shallower-vs-deeper');
  });

  it('optimization: another optimizer trains the same model lower and nothing beats that', () => {
    const m = measure(run('mlp', 'user', 0.6, 0.6), [run('adam', 'optimizer', 0.05, 0.07), run('wider', 'wider', 0.05, 0.07)]);
    expect(decide(m, t).verdict).toBe('optimization');
  });

  it('model bias when a flexible model beats even the better optimizer', () => {
    const m = measure(run('linear', 'user', 0.8, 0.8), [run('adam', 'optimizer', 0.5, 0.5), run('mlp', 'flexible', 0.05, 0.07)]);
    expect(decide(m, t).verdict).toBe('model-bias');
  });

  it('divergence is an optimization issue', () => {
    const m = measure(run('mlp', 'user', Number.NaN, Number.NaN, { diverged: true, learningRate: 10 }), []);
    const d = decide(m, t);
    expect(d.verdict).toBe('optimization');
    expect(d.evidence.map((e) => e.check)).toContain('divergence');
    expect(remediesFor('optimization', m)[0]).toMatch(/Lower the learning rate/);
  });

  it('a flexible run that only memorizes (no better on validation) does not make the loss "large"', () => {
    const m = measure(run('mlp', 'user', 0.3, 0.33), [run('huge', 'wider', 0.01, 0.6), run('wide', 'wider', 0.2, 0.32)]);
    const d = decide(m, t);
    expect(d.verdict).toBe('healthy');
    expect(d.path).toEqual(['training-loss-small', 'testing-loss-small', 'healthy']);
  });

  it('overfitting: validation split from training data shows the gap', () => {
    const m = measure(run('wide', 'user', 0.01, 0.5, { test: 0.55 }), [], {
      learningCurve: [
        { size: 10, train: 0.0, validation: 0.9 },
        { size: 40, train: 0.05, validation: 0.3 },
      ],
    });
    const d = decide(m, t);
    expect(d.verdict).toBe('overfitting');
    expect(d.path).toEqual(['training-loss-small', 'testing-loss-large', 'overfitting']);
    const curve = d.evidence.find((e) => e.check === 'learning-curve');
    expect(curve?.finding).toMatch(/helps/);
  });

  it('mismatch: test gap without a validation gap', () => {
    const m = measure(run('mlp', 'user', 0.05, 0.06, { test: 0.9 }), [], {
      shift: { shifted: true, alpha: 0.05, tests: [{ test: 'domain-classifier', statistic: 0.97, pValue: 0.001, shifted: true }], drivers: ['x1'] },
    });
    const d = decide(m, t);
    expect(d.verdict).toBe('mismatch');
    expect(d.evidence.find((e) => e.check === 'train-test-shift')?.finding).toMatch(/driven by x1/);
    expect(remediesFor('mismatch', m)[0]).toMatch(/x1/);
  });

  it('a test gap the validation split missed is overfitting when inputs do not differ and more data helps', () => {
    const noShift = { shifted: false, alpha: 0.05, tests: [{ test: 'mmd', statistic: 0.01, pValue: 0.6, shifted: false }], drivers: [] };
    const curve = [
      { size: 10, train: 0.0, validation: 0.09, test: 0.9 },
      { size: 40, train: 0.02, validation: 0.08, test: 0.3 },
    ];
    const m = measure(run('wide', 'user', 0.02, 0.08, { test: 0.6 }), [], { shift: noShift, learningCurve: curve });
    expect(decide(m, t).verdict).toBe('overfitting');
    const flat = curve.map((p) => ({ ...p, test: 0.8 }));
    expect(decide({ ...m, learningCurve: flat }, t).verdict).toBe('mismatch');
    expect(decide({ ...m, shift: { ...noShift, shifted: true } }, t).verdict).toBe('mismatch');
  });

  it('healthy: everything small; no test set falls back to validation', () => {
    expect(decide(measure(run('mlp', 'user', 0.05, 0.07, { test: 0.08 }), []), t).verdict).toBe('healthy');
    expect(decide(measure(run('mlp', 'user', 0.05, 0.7), []), t).verdict).toBe('overfitting');
  });

  it('a model no better than the baseline, which nothing beats, is model bias (uninformative inputs)', () => {
    const d = decide(measure(run('mlp', 'user', 0.99, 1.0), [run('wider', 'wider', 0.98, 1.0)]), t);
    expect(d.verdict).toBe('model-bias');
    expect(d.path).toEqual(['training-loss-large', 'model-bias']);
    expect(d.evidence.find((e) => e.check === 'baseline')?.finding).toMatch(/no run beats the trivial baseline/);
  });

  it('a net stuck at the baseline with vanishing gradients is an optimization issue even when nothing beats it', () => {
    const layers = [{ name: 'dense_0/kernel', norm: 1e-6 }, { name: 'dense_7/kernel', norm: 0.1 }];
    const m = measure(run('deep', 'user', 1.0, 0.95), [run('wide', 'wider', 1.01, 0.95)], { gradientFlow: { layers, firstToLast: 1e-5 } });
    expect(decide(m, t).verdict).toBe('optimization');
    expect(decide({ ...m, gradientFlow: { layers, firstToLast: 0.5 } }, t).verdict).toBe('model-bias');
  });

  it('a shallower net that trains lower counts even when its validation gain is small', () => {
    const m = measure(run('deep', 'user', 1.0, 0.95), [run('shallow', 'shallower', 0.845, 0.89)]);
    expect(decide(m, t).verdict).toBe('optimization');
    const memorizing = measure(run('mlp', 'user', 0.3, 0.33), [run('wider', 'wider', 0.2, 0.33)]);
    expect(decide(memorizing, t).verdict).toBe('healthy');
  });

  it('a deep net stuck at the baseline beside a shallower one that learns is an optimization issue', () => {
    const m = measure(run('deep', 'user', 1.0, 0.86), [run('shallow', 'shallower', 0.84, 0.74), run('wide', 'wider', 1.02, 0.86)]);
    expect(decide(m, t).verdict).toBe('optimization');
  });
});
