import { describe, expect, it } from 'vitest';
import { holdoutSplit, shuffleSplit, splitSizes } from './shuffle-split.js';

describe('splitSizes (scikit-learn _validate_shuffle_split rules)', () => {
  it('rounds a fractional test size up and a fractional train size down', () => {
    // test_shuffle_split_default_test_size: (None, 9, 1), (8, 8, 2), (0.8, 8, 2) on 10 rows
    expect(splitSizes(10, undefined, undefined)).toEqual({ train: 9, test: 1 });
    expect(splitSizes(10, undefined, 8)).toEqual({ train: 8, test: 2 });
    expect(splitSizes(10, undefined, 0.8)).toEqual({ train: 8, test: 2 });
    expect(splitSizes(10, 0.25, undefined)).toEqual({ train: 7, test: 3 });
    expect(splitSizes(10, 0.2, 0.5)).toEqual({ train: 5, test: 2 });
  });
  it('rejects sizes that do not fit (test_shufflesplit_errors cases)', () => {
    expect(() => splitSizes(10, 11, undefined)).toThrow('shuffleSplit: testSize=11 must be smaller than the 10 rows');
    expect(() => splitSizes(10, 8, 3)).toThrow('shuffleSplit: trainSize + testSize = 11 rows exceeds the 10 rows');
    expect(() => splitSizes(10, 0.1, 0.95)).toThrow('shuffleSplit: testSize + trainSize = 1.05 exceeds 1');
    expect(() => splitSizes(1, 0.99, undefined)).toThrow('shuffleSplit: with 1 rows the training part would be empty');
    expect(() => splitSizes(10, -1, undefined)).toThrow('shuffleSplit: testSize must be > 0, got -1');
  });
});

describe('shuffleSplit', () => {
  it('gives disjoint ascending parts of the requested sizes, reproducible by seed', () => {
    const a = shuffleSplit({ splits: 4, testSize: 0.3, seed: 5 }).split(20);
    expect(a).toEqual(shuffleSplit({ splits: 4, testSize: 0.3, seed: 5 }).split(20));
    expect(a).not.toEqual(shuffleSplit({ splits: 4, testSize: 0.3, seed: 6 }).split(20));
    expect(a).toHaveLength(4);
    for (const fold of a) {
      expect(fold.validation).toHaveLength(6);
      expect(fold.train).toHaveLength(14);
      expect(fold.train.filter((i) => fold.validation.includes(i))).toEqual([]);
      expect(fold.train).toEqual([...fold.train].sort((x, y) => x - y));
    }
    expect(a[0]).not.toEqual(a[1]);
  });
});

describe('holdoutSplit', () => {
  it('without shuffle matches train_test_split(shuffle=False): the last rows validate', () => {
    expect(holdoutSplit({ validation: 0.2, shuffle: false }).split(10)).toEqual([
      { train: [0, 1, 2, 3, 4, 5, 6, 7], validation: [8, 9] },
    ]);
    expect(holdoutSplit({ validation: 2, shuffle: false }).split(10)).toEqual([
      { train: [0, 1, 2, 3, 4, 5, 6, 7], validation: [8, 9] },
    ]);
  });
  it('with shuffle gives one split of the requested size', () => {
    const [fold, ...rest] = holdoutSplit({ validation: 0.25, seed: 2 }).split(12);
    expect(rest).toHaveLength(0);
    expect(fold?.validation).toHaveLength(3);
    expect(fold?.train).toHaveLength(9);
  });
});
