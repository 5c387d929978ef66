import { describe, expect, it } from 'vitest';
import type { Dataset } from '@losslens/core';
import { makeConceptDrift } from './concept-drift.js';
import { makeCovariateShift } from './covariate-shift.js';
import { exactCounts, makeLabelShift } from './label-shift.js';

const column = (ds: Dataset, j: number) => Array.from({ length: ds.n }, (_, i) => ds.features[2 * i + j] as number);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('makeCovariateShift', () => {
  it('moves x1 by `shift` and keeps the rule y = sin(2·x1) + 0.5·x2 in both parts', () => {
    const { train, test, shift } = makeCovariateShift({ n: 2000, testN: 1000, shift: 3, noise: 0, seed: 1 });
    expect(shift.kind).toBe('covariate');
    expect(train.n).toBe(2000);
    expect(test.n).toBe(1000);
    expect(Math.abs(mean(column(train, 0)))).toBeLessThan(0.1);
    expect(Math.abs(mean(column(test, 0)) - 3)).toBeLessThan(0.1);
    expect(Math.abs(mean(column(test, 1)))).toBeLessThan(0.1);
    for (const ds of [train, test]) {
      for (let i = 0; i < ds.n; i++) {
        const x1 = ds.features[2 * i] as number;
        const x2 = ds.features[2 * i + 1] as number;
        expect(ds.targets[i]).toBeCloseTo(Math.sin(2 * x1) + 0.5 * x2, 5);
      }
    }
  });

  it('classification variant labels by the sign of the same rule', () => {
    const { train } = makeCovariateShift({ n: 200, task: 'classification', seed: 2 });
    expect(train.classNames).toEqual(['negative', 'positive']);
    for (let i = 0; i < train.n; i++) {
      const value = Math.sin(2 * (train.features[2 * i] as number)) + 0.5 * (train.features[2 * i + 1] as number);
      expect(train.targets[i]).toBe(value > 0 ? 1 : 0);
    }
  });
});

describe('makeLabelShift', () => {
  it('draws exact class counts from the priors; each class looks the same in train and test', () => {
    const { train, test, shift } = makeLabelShift({ n: 600, testN: 600, seed: 3 });
    expect(shift.kind).toBe('label');
    const counts = (ds: Dataset) => [0, 1, 2].map((c) => Array.from(ds.targets).filter((t) => t === c).length);
    expect(counts(train)).toEqual([300, 200, 100]); // ∝ 3 : 2 : 1
    expect(counts(test)).toEqual([100, 200, 300]); // ∝ 1 : 2 : 3
    for (const c of [0, 1, 2]) {
      const angle = (2 * Math.PI * c) / 3;
      for (const ds of [train, test]) {
        const rows = Array.from({ length: ds.n }, (_, i) => i).filter((i) => ds.targets[i] === c);
        expect(Math.abs(mean(rows.map((i) => ds.features[2 * i] as number)) - 2 * Math.cos(angle))).toBeLessThan(0.25);
        expect(Math.abs(mean(rows.map((i) => ds.features[2 * i + 1] as number)) - 2 * Math.sin(angle))).toBeLessThan(0.25);
      }
    }
  });

  it('exactCounts uses largest remainders and always sums to n', () => {
    expect(exactCounts([0.5, 0.25, 0.25], 7)).toEqual([3, 2, 2]); // 3.5, 1.75, 1.75: floors 3, 1, 1; the two .75 remainders get the 2 left
    expect(exactCounts([1 / 3, 1 / 3, 1 / 3], 10)).toEqual([4, 3, 3]);
    expect(() => makeLabelShift({ trainPriors: [1, 0] })).toThrow('trainPriors must be 3 non-negative numbers, got [1, 0]');
  });
});

describe('makeConceptDrift', () => {
  it('classification: a fraction angle/180° of test labels disagree with the training rule', () => {
    for (const [angle, expected] of [
      [90, 0.5],
      [30, 1 / 6],
    ] as const) {
      const { train, test } = makeConceptDrift({ task: 'classification', angle, n: 4000, seed: 5 });
      const disagree = Array.from({ length: test.n }, (_, i) => i).filter(
        (i) => ((test.features[2 * i] as number) > 0 ? 1 : 0) !== test.targets[i],
      ).length;
      expect(Math.abs(disagree / test.n - expected)).toBeLessThan(0.03);
      // training labels follow w = (1, 0) exactly
      for (let i = 0; i < train.n; i++) expect(train.targets[i]).toBe((train.features[2 * i] as number) > 0 ? 1 : 0);
      // same input distribution in both parts
      expect(Math.abs(mean(column(test, 0)))).toBeLessThan(0.06);
    }
  });

  it('regression without noise: y = 2·w·x with w = (1, 0) for train and (cos α, sin α) for test', () => {
    const { train, test } = makeConceptDrift({ angle: 60, noise: 0, n: 50, seed: 1 });
    for (let i = 0; i < 50; i++) {
      expect(train.targets[i]).toBeCloseTo(2 * (train.features[2 * i] as number), 5);
      const expected = 2 * (0.5 * (test.features[2 * i] as number) + (Math.sqrt(3) / 2) * (test.features[2 * i + 1] as number));
      expect(test.targets[i]).toBeCloseTo(expected, 5);
    }
  });
});
