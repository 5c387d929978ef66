import { describe, expect, it } from 'vitest';
import { kFold } from './k-fold.js';

// Expected folds are scikit-learn 1.2.1 `KFold(n_splits=k).split(np.ones(n))` output
// (the docstring example, test_kfold_no_shuffle, and two uneven cases), written as literals.
describe('kFold', () => {
  it('matches scikit-learn KFold(2) on 4 rows (docstring example)', () => {
    expect(kFold({ folds: 2 }).split(4)).toEqual([
      { train: [2, 3], validation: [0, 1] },
      { train: [0, 1], validation: [2, 3] },
    ]);
  });
  it('matches scikit-learn KFold(2) on 5 rows: the first fold gets the extra row', () => {
    expect(kFold({ folds: 2 }).split(5)).toEqual([
      { train: [3, 4], validation: [0, 1, 2] },
      { train: [0, 1, 2], validation: [3, 4] },
    ]);
  });
  it('matches scikit-learn KFold(3) on 10 rows and KFold(4) on 7 rows', () => {
    expect(kFold({ folds: 3 }).split(10)).toEqual([
      { train: [4, 5, 6, 7, 8, 9], validation: [0, 1, 2, 3] },
      { train: [0, 1, 2, 3, 7, 8, 9], validation: [4, 5, 6] },
      { train: [0, 1, 2, 3, 4, 5, 6], validation: [7, 8, 9] },
    ]);
    expect(kFold({ folds: 4 }).split(7)).toEqual([
      { train: [2, 3, 4, 5, 6], validation: [0, 1] },
      { train: [0, 1, 4, 5, 6], validation: [2, 3] },
      { train: [0, 1, 2, 3, 6], validation: [4, 5] },
      { train: [0, 1, 2, 3, 4, 5], validation: [6] },
    ]);
  });
  it('defaults to 5 folds without shuffling', () => {
    const folds = kFold().split(12);
    expect(folds.map((f) => f.validation.length)).toEqual([3, 3, 2, 2, 2]);
    expect(folds[0]?.validation).toEqual([0, 1, 2]);
  });
  it('shuffles reproducibly by seed, covering every row once, indices ascending', () => {
    const a = kFold({ folds: 3, shuffle: true, seed: 7 }).split(20);
    const b = kFold({ folds: 3, shuffle: true, seed: 7 }).split(20);
    const c = kFold({ folds: 3, shuffle: true, seed: 8 }).split(20);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).not.toEqual(kFold({ folds: 3 }).split(20));
    const all = a.flatMap((f) => f.validation).sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(a.map((f) => f.validation.length)).toEqual([7, 7, 6]);
    for (const fold of a) {
      expect(fold.validation).toEqual([...fold.validation].sort((x, y) => x - y));
      expect(fold.train).toEqual([...fold.train].sort((x, y) => x - y));
      expect(fold.train.length + fold.validation.length).toBe(20);
      expect(fold.train.filter((i) => fold.validation.includes(i))).toEqual([]);
    }
  });
  it('rejects more folds than rows with one line', () => {
    expect(() => kFold({ folds: 5 }).split(3)).toThrow(/^kFold: cannot split 3 rows into 5 folds \(need at least 5 rows\)$/);
  });
  it('rejects fewer than 2 folds', () => {
    expect(() => kFold({ folds: 1 })).toThrow('kFold: folds must be an integer >= 2, got 1');
    expect(() => kFold({ folds: 2.5 })).toThrow('kFold: folds must be an integer >= 2, got 2.5');
  });
});
