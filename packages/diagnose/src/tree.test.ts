import { describe, expect, it } from 'vitest';
import { decide, shiftIsDecisive } from './tree.js';
import { meanOverSeeds, seedAgreement } from './seeds.js';
import { standardErrorOfMean } from './seed-error.js';
import { remediesFor } from './remedies.js';
import { defaultThresholds as t, beats, gapIsLarge } from './thresholds.js';
import type { RunSummary } from './measurements.js';
import { measure, run } from '../test/measurements-fixtures.js';

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
    expect(curve?.finding).toMatch(/more data narrows it \(a sign of overfitting\)$/);
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

  it('the critical-point evidence names a minimum\'s flat directions and never changes the verdict', () => {
    const critical = { gradientNorm: 1e-4, kind: 'local-minimum', minimumRatio: 0.4, flatDirections: 15, minEigenvalue: -2e-6, maxEigenvalue: 12, parameters: 25, method: 'full, minimum ratio exact' };
    const user = run('linear', 'user', 0.55, 0.57);
    const others = [run('mlp:64x64:relu', 'flexible', 0.04, 0.06)];
    const without = decide(measure(user, others), t);
    const withCritical = decide(measure(user, others, { critical }), t);
    expect(withCritical.verdict).toBe(without.verdict);
    const line = withCritical.evidence.find((e) => e.check === 'critical-point');
    expect(line?.finding).toMatch(/^training stalls at a local-minimum with 15 flat directions of 25 \(gradient norm/);
    const strict = decide(measure(user, others, { critical: { ...critical, flatDirections: 0 } }), t);
    expect(strict.evidence.find((e) => e.check === 'critical-point')?.finding).toMatch(/^training stalls at a local-minimum \(gradient norm/);
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

describe('issue 20: sturdier verdicts', () => {
  const noShift = { shifted: false, alpha: 0.05, tests: [{ test: 'mmd', statistic: 0.01, pValue: 0.6, shifted: false }], drivers: [] };
  const regionShift = {
    shifted: true,
    alpha: 0.05,
    tests: [
      { test: 'ks', statistic: 1, pValue: 1e-9, shifted: true },
      { test: 'domain-classifier', statistic: 0.999, pValue: 0.001, shifted: true },
    ],
    drivers: ['x1'],
  };

  it('rule 1: the overfitting rescue reads the TEST gap of the learning curve, not the validation gap', () => {
    // Concept shift: inputs unchanged, test labels from another process. The validation gap shrinks
    // with more rows, the test gap grows (8.3 → 9.1 → 13.2 in the issue).
    const curve = [
      { size: 10, train: 0.01, validation: 0.9, test: 8.3 },
      { size: 20, train: 0.02, validation: 0.6, test: 9.1 },
      { size: 40, train: 0.03, validation: 0.4, test: 13.2 },
    ];
    const m = measure(run('wide', 'user', 0.03, 0.4, { test: 13.2 }), [], { shift: noShift, learningCurve: curve });
    const d = decide(m, t);
    expect(d.verdict).toBe('mismatch');
    const lc = d.evidence.find((e) => e.check === 'learning-curve');
    expect(lc?.values['on']).toBe('test');
    expect(lc?.finding).toMatch(/does not close it/);
    // The same validation curve with a test gap that closes: overfitting.
    const closing = curve.map((p, i) => ({ ...p, test: [2, 1.2, 0.8][i]! }));
    expect(decide({ ...m, user: { ...m.user, test: 0.8 }, learningCurve: closing }, t).verdict).toBe('overfitting');
  });

  it('rule 2: decisive shift evidence and a test gap 1.5× the validation gap are a mismatch, and the report says it also overfits', () => {
    expect(shiftIsDecisive(regionShift, t)).toBe(true);
    expect(shiftIsDecisive({ ...regionShift, tests: [{ test: 'ks', statistic: 0.5, pValue: 1e-5, shifted: true }] }, t)).toBe(false);
    expect(shiftIsDecisive({ ...regionShift, tests: [{ test: 'domain-classifier', statistic: 0.95, shifted: true }] }, t)).toBe(true);
    expect(shiftIsDecisive({ ...regionShift, shifted: false }, t)).toBe(false);
    // validation gap 0.3, test gap 0.5: the validation split shows more than half (old rule: overfitting).
    const m = measure(run('mlp', 'user', 0.1, 0.4, { test: 0.6 }), [], { shift: regionShift });
    const d = decide(m, t);
    expect(d.verdict).toBe('mismatch');
    expect(d.evidence.find((e) => e.check === 'also-overfits')?.finding).toMatch(/overfits a little/);
    expect(d.evidence.find((e) => e.check === 'train-test-shift')?.finding).toMatch(/differ decisively/);
    // Below the ratio (0.5 < 1.5 × 0.4), or without decisive evidence: the validation split decides.
    expect(decide({ ...m, user: { ...m.user, validation: 0.5 } }, t).verdict).toBe('overfitting');
    const mild = { ...regionShift, tests: [{ test: 'ks', statistic: 0.3, pValue: 1e-4, shifted: true }] };
    expect(decide({ ...m, shift: mild }, t).verdict).toBe('overfitting');
  });

  it('rule 3: a model that trained longer closes the gap to the flexible ones is under-trained (optimization), not too simple', () => {
    const user = run('linear', 'user', 0.057, 0.06, { epochs: 40, gradientNorm: 0.046 });
    const flexible = run('mlp:32:relu', 'flexible', 0.001, 0.004);
    const baseline = { train: 0.69, validation: 0.69, test: 0.69 };
    const biased = { ...measure(user, [flexible]), baseline, task: 'classification' as const };
    expect(decide(biased, t).verdict).toBe('model-bias');
    const longer = run('linear, 160 epochs', 'longer', 0.012, 0.015, { epochs: 160 });
    const d = decide({ ...biased, others: [flexible, longer] }, t);
    expect(d.verdict).toBe('optimization');
    expect(d.path).toEqual(['training-loss-large', 'optimization']);
    expect(d.evidence.find((e) => e.check === 'longer-run')?.finding).toMatch(/under-trained, not too simple/);
    expect(remediesFor('optimization', { ...biased, others: [flexible, longer] })[0]).toMatch(/^Train longer: 160 epochs/);
    // A longer run that still trails the flexible model: model bias stands.
    const stuck = run('linear, 160 epochs', 'longer', 0.05, 0.055, { epochs: 160 });
    const still = decide({ ...biased, others: [flexible, stuck] }, t);
    expect(still.verdict).toBe('model-bias');
    expect(still.evidence.find((e) => e.check === 'longer-run')?.finding).toMatch(/training longer or better does not close the gap/);
    // The longer run does not count as a comparison that makes the training loss "large".
    expect(decide(measure(run('mlp', 'user', 0.3, 0.33), [run('mlp longer', 'longer', 0.1, 0.2)]), t).verdict).toBe('healthy');
  });

  it('rule 4: with a test set the test gap decides; a validation gap inside its standard error decides nothing', () => {
    // The numbers: test gap 0.110 (allowed 0.230), validation gap 0.2387 (allowed 0.2302).
    const user = run('mlp', 'user', 0.46, 0.6987, { test: 0.57 });
    const m = { ...measure(user, []), baseline: { train: 1, validation: 1, test: 1 } };
    const d = decide(m, t);
    expect(d.verdict).toBe('healthy');
    expect(d.path).toEqual(['training-loss-small', 'testing-loss-small', 'healthy']);
    expect(d.evidence[1]?.values['decidedBy']).toBe('test');
    // Without a test set the validation gap decides, but only beyond 2 standard errors.
    const { test: _test, ...noTest } = user;
    expect(decide(measure(noTest, []), t).verdict).toBe('overfitting');
    const noisy = decide({ ...measure({ ...noTest, validationStandardError: 0.13 }, []), validationRows: 12 }, t);
    expect(noisy.verdict).toBe('healthy');
    expect(noisy.evidence[1]?.finding).toMatch(/± 0.13 \(standard error, 12 rows\).*inside 2 standard errors/);
    expect(decide(measure({ ...noTest, validationStandardError: 0.1 }, []), t).verdict).toBe('overfitting');
  });

  it('a mismatch needs evidence: a test loss within the validation loss\'s noise and no input shift is overfitting', () => {
    // Seed 5 of "a wide net on a few dozen rows": 6 validation rows, validation 1.822 ± 1.379, test 1.546.
    const user = run('mlp:128x128:relu', 'user', 0.1865, 1.822, { test: 1.546, validationStandardError: 1.379 });
    const growing = [
      { size: 8, train: 0.41, validation: 0.87, test: 1.44 },
      { size: 24, train: 0.1865, validation: 1.822, test: 1.546 },
    ];
    const m = { ...measure(user, [], { shift: noShift, learningCurve: growing }), validationRows: 6 };
    const d = decide(m, t);
    expect(d.verdict).toBe('overfitting');
    const line = d.evidence.find((e) => e.check === 'test-vs-validation');
    expect(line?.values['difference']).toBeCloseTo(1.546 - 1.822, 3);
    expect(line?.values['noise']).toBeCloseTo(2 * 1.379, 3);
    // A test loss beyond the validation loss's noise is evidence that the test data differ.
    expect(decide({ ...m, user: { ...user, test: 1.822 + 2 * 1.379 + 0.1 } }, t).verdict).toBe('mismatch');
    // So is a detected input shift, whatever the losses.
    expect(decide({ ...m, shift: { ...noShift, shifted: true } }, t).verdict).toBe('mismatch');
  });

  it('the test gap is measured in units of the in-distribution baseline, so a shifted test set\'s larger trivial loss does not hide it', () => {
    // Seed 4 of the region shift: the training mean predicts the shifted test rows badly (baseline 6).
    const user = run('mlp:64x64:relu', 'user', 0.5285, 1.074, { test: 1.119, validationStandardError: 0.379 });
    const m = { ...measure(user, [], { shift: regionShift }), baseline: { train: 1, validation: 1, test: 6 } };
    const d = decide(m, t);
    expect(d.path).toEqual(['training-loss-small', 'testing-loss-large', 'mismatch']);
    expect(d.evidence.find((e) => e.check === 'generalization-gap')?.values['allowedGap']).toBeCloseTo(0.5 * 0.5285, 3);
  });

  it('rule 5: runs repeated on seeds are decided on their means, a lead inside the seeds\' noise does not count, and the agreement is counted', () => {
    const seeds = (role: RunSummary['role'], trains: number[], validations: number[]) =>
      meanOverSeeds(trains.map((train, k) => ({ seed: k + 1, run: run(role, role, train, validations[k]!) })));
    expect(standardErrorOfMean([1, 2, 3])).toBeCloseTo(Math.sqrt(1 / 3), 12);
    const user = seeds('user', [0.6, 0.62, 0.58], [0.6, 0.62, 0.58]);
    expect(user.train).toBeCloseTo(0.6, 12);
    expect(user.seeds?.map((s) => s.seed)).toEqual([1, 2, 3]);
    // A flexible model that is far lower on every seed: model bias on the mean and on each seed.
    const clear = seeds('flexible', [0.1, 0.12, 0.11], [0.12, 0.13, 0.12]);
    const m = measure(user, [clear]);
    expect(decide(m, t).verdict).toBe('model-bias');
    expect(seedAgreement(m, 'model-bias', t)).toEqual({ seeds: [1, 2, 3], verdicts: ['model-bias', 'model-bias', 'model-bias'], held: 3, seedDependent: false });
    // One seed far lower, two not: the mean (0.4) beats 0.6 by the margin, but not beyond 2 standard
    // errors of the seeds, so the tree does not call it; the per-seed walk shows the dependence.
    const lucky = seeds('flexible', [0.02, 0.59, 0.59], [0.03, 0.6, 0.6]);
    const borderline = measure(user, [lucky]);
    expect(decide(borderline, t).verdict).toBe('healthy');
    const agreement = seedAgreement(borderline, 'healthy', t);
    expect(agreement?.verdicts).toEqual(['model-bias', 'healthy', 'healthy']);
    expect(agreement?.held).toBe(2);
    expect(agreement?.seedDependent).toBe(true);
    // No repeats: no agreement to report.
    expect(seedAgreement(measure(run('mlp', 'user', 0.3, 0.3), []), 'healthy', t)).toBeUndefined();
  });
});
