import { describe, expect, it } from 'vitest';
import { holdout } from './holdout.js';
import { tinyClassification, tinyRegression } from '../test/fixtures.js';

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('holdout', () => {
  it('gives disjoint parts that cover every row, sized by ceil(fraction·n)', () => {
    const ds = tinyRegression(50);
    const split = holdout(ds, { validation: 0.2, test: 0.1, seed: 1 });
    expect(split.indices.validation).toHaveLength(10);
    expect(split.indices.test).toHaveLength(5);
    expect(split.indices.train).toHaveLength(35);
    const all = [...split.indices.train, ...split.indices.validation, ...(split.indices.test ?? [])];
    expect(sorted(all)).toEqual(range(50));
    // each part holds the rows its indices name
    split.indices.validation.forEach((row, k) => expect(split.validation.targets[k]).toBe(2 * row + 1));
    expect(split.test?.n).toBe(5);
    // rounding up as scikit-learn: 0.25 of 7 rows = 1.75 → 2
    expect(holdout(tinyRegression(7), { validation: 0.25 }).validation.n).toBe(2);
    expect(holdout(tinyRegression(7), { validation: 3 }).validation.n).toBe(3);
  });

  it('is reproducible from the seed and differs across seeds', () => {
    const ds = tinyRegression(40);
    expect(holdout(ds, { validation: 0.25, seed: 9 }).indices).toEqual(holdout(ds, { validation: 0.25, seed: 9 }).indices);
    expect(holdout(ds, { validation: 0.25, seed: 9 }).indices.validation).not.toEqual(
      holdout(ds, { validation: 0.25, seed: 10 }).indices.validation,
    );
  });

  it('stratifies classification splits by default (class shares within one row), and can be told not to', () => {
    const labels = [...Array(70).fill(0), ...Array(20).fill(1), ...Array(10).fill(2)];
    const ds = tinyClassification(labels);
    for (const seed of [1, 2, 3]) {
      const split = holdout(ds, { validation: 0.3, test: 0.2, seed });
      for (const [part, size] of [
        [split.validation, 30],
        [split.test, 20],
      ] as const) {
        const counts = [0, 0, 0];
        for (const t of part!.targets) counts[t]! += 1;
        [0.7, 0.2, 0.1].forEach((share, c) => expect(Math.abs((counts[c] as number) - share * size)).toBeLessThanOrEqual(1));
      }
    }
    // unstratified: with 10 rows of class 2 among 100, some seed leaves a 30-row validation part off by more than one
    const offBy = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const v = holdout(ds, { validation: 0.3, seed, stratify: false }).validation;
      return Math.abs(Array.from(v.targets).filter((t) => t === 2).length - 3);
    });
    expect(Math.max(...offBy)).toBeGreaterThan(1);
  });

  it('too few rows or a bad size is an input error', () => {
    expect(() => holdout(tinyRegression(2), { validation: 0.5, test: 0.5 })).toThrow(
      'tiny-regression: 2 rows cannot be split into train, validation and test parts of at least one row each (validation=0.5, test=0.5)',
    );
    expect(() => holdout(tinyRegression(1), { validation: 0.2 })).toThrow(/1 rows cannot be split into train and validation/);
    expect(() => holdout(tinyRegression(10), { validation: 0 })).toThrow('validation must be a fraction in (0, 1) or a row count ≥ 1, got 0');
    expect(() => holdout(tinyRegression(10), { validation: 2.5 })).toThrow('validation must be a fraction in (0, 1) or a whole row count, got 2.5');
  });
});
