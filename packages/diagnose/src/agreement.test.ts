import { describe, expect, it } from 'vitest';
import { decide } from './tree.js';
import { defaultThresholds as t } from './thresholds.js';
import { measure, run } from '../test/measurements-fixtures.js';

const finding = (d: ReturnType<typeof decide>, check: string) => d.evidence.find((e) => e.check === check);
const decisiveShift = { shifted: true, alpha: 0.05, tests: [{ test: 'ks', statistic: 0.95, pValue: 1e-9, shifted: true }], drivers: ['x1'] };
// The test gap narrows with more rows: 0.8 → 0.5 (0.5 ≤ 0.75 × 0.8).
const narrowing = [
  { size: 20, train: 0.0, validation: 0.1, test: 0.8 },
  { size: 80, train: 0.05, validation: 0.1, test: 0.55 },
];

describe('evidence that agrees with the verdict', () => {
  it('a mismatch says the learning curve that narrows the test gap was outweighed by the decisive shift', () => {
    const d = decide(measure(run('mlp', 'user', 0.05, 0.08, { test: 0.9 }), [], { shift: decisiveShift, learningCurve: narrowing }), t);
    expect(d.verdict).toBe('mismatch');
    const lc = finding(d, 'learning-curve');
    expect(lc?.finding).toMatch(/^the test gap goes 0.8 → 0.5 as training rows grow 20 → 80: more data narrows it \(a sign of overfitting\) — outweighed \(verdict mismatch\): the inputs differ decisively between training and test \(ks 0.95\)/);
    expect(lc?.values['outweighedBy']).toMatch(/^the inputs differ decisively/);
    // The shift line supports the verdict and is left as it was.
    expect(finding(d, 'train-test-shift')?.finding).not.toMatch(/outweighed/);
    expect(finding(d, 'train-test-shift')?.values).not.toHaveProperty('outweighedBy');
  });

  it('a healthy verdict says a narrowing learning curve was outweighed by the small test gap, naming the allowance', () => {
    const d = decide(measure(run('mlp', 'user', 0.05, 0.08, { test: 0.1 }), [], { learningCurve: narrowing }), t);
    expect(d.verdict).toBe('healthy');
    // allowed gap max(0.1 × 1, 0.5 × 0.05) = 0.1; test gap 0.05.
    expect(finding(d, 'learning-curve')?.finding).toMatch(/— outweighed \(verdict healthy\): the test gap 0.05 is within the allowed gap 0.1, so the testing loss is small$/);
  });

  it('overfitting beside a shift that is not decisive says the shift was outweighed', () => {
    const mild = { shifted: true, alpha: 0.05, tests: [{ test: 'ks', statistic: 0.3, pValue: 1e-4, shifted: true }], drivers: [] };
    const d = decide(measure(run('mlp', 'user', 0.1, 0.5, { test: 0.6 }), [], { shift: mild }), t);
    expect(d.verdict).toBe('overfitting');
    expect(finding(d, 'train-test-shift')?.finding).toMatch(/— outweighed \(verdict overfitting\): the validation split, drawn like the training rows, shows the test gap too \(validation gap 0.4, test gap 0.5\)/);
  });

  it('model bias says "training stopped away from a critical point" was outweighed by the more flexible models', () => {
    const m = measure(run('linear', 'user', 0.55, 0.57), [run('mlp:64x64:relu', 'flexible', 0.04, 0.06)], {
      critical: { gradientNorm: 0.3, kind: 'not-critical', minimumRatio: 1, minEigenvalue: 0.1, maxEigenvalue: 2, parameters: 3, method: 'full' },
    });
    const d = decide(m, t);
    expect(d.verdict).toBe('model-bias');
    expect(finding(d, 'critical-point')?.finding).toMatch(
      /it needs more or better steps — outweighed \(verdict model-bias\): more flexible models reach a lower training loss on the same budget \(mlp:64x64:relu: 0.04 vs 0.55\)$/,
    );
    expect(finding(d, 'more-flexible-model')?.finding).not.toMatch(/outweighed/);
  });

  it('optimization says the more flexible model was outweighed by the shallower one', () => {
    const d = decide(measure(run('deep', 'user', 0.9, 0.95), [run('shallow', 'shallower', 0.1, 0.12), run('wide', 'wider', 0.2, 0.22)]), t);
    expect(d.verdict).toBe('optimization');
    expect(finding(d, 'more-flexible-model')?.finding).toMatch(/— outweighed \(verdict optimization\): a shallower network trains lower \(shallow: 0.1 vs 0.9\)$/);
  });
});

describe('a small training loss says why it counts as small', () => {
  it('within the margin of the lowest comparison run, with the margin and its rule', () => {
    // margin max(0.05 × 1, 0.1 × 0.1983) = 0.05; 0.1505 is not below 0.1983 − 0.05.
    const d = decide(measure(run('mine', 'user', 0.1983, 0.21), [run('wider mlp:64x64:relu', 'wider', 0.1505, 0.2)]), t);
    expect(finding(d, 'training-loss')?.finding).toBe(
      'training loss 0.1983 is within the margin 0.05 of the lowest comparison run (wider mlp:64x64:relu: 0.1505); a run must be more than the margin lower to count (the larger of 5 % of the baseline 1 and 10 % of yours)',
    );
    expect(finding(d, 'training-loss')?.values['margin']).toBe(0.05);
  });

  it('the lowest of all runs', () => {
    const d = decide(measure(run('mine', 'user', 0.1, 0.2), [run('wider', 'wider', 0.3, 0.35)]), t);
    expect(finding(d, 'training-loss')?.finding).toBe('training loss 0.1 is the lowest of all runs (next: wider, 0.3)');
  });

  it('beaten by more than the margin on training rows only: it does not count, and says why', () => {
    const d = decide(measure(run('mine', 'user', 0.3, 0.4), [run('wider', 'wider', 0.1, 0.41)]), t);
    expect(d.verdict).not.toBe('model-bias');
    expect(finding(d, 'training-loss')?.finding).toBe(
      'wider reaches training loss 0.1, more than the margin 0.05 below yours (0.3), but does not count: its validation loss 0.41 is not lower than yours (0.4) by the margin: it fits the training rows, not the task',
    );
  });
});
