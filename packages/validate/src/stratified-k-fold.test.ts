import { describe, expect, it } from 'vitest';
import { kFold } from './k-fold.js';
import { stratifiedKFold } from './stratified-k-fold.js';

// Expected folds: scikit-learn 1.2.1 StratifiedKFold output (docstring example,
// test_stratified_kfold_no_shuffle, test_check_cv's multiclass labels, the user guide's
// 45/5 case and an extra 3-class case), written as literals.
describe('stratifiedKFold', () => {
  it('matches the docstring example and test_stratified_kfold_no_shuffle', () => {
    expect(stratifiedKFold({ folds: 2 }).split(4, { labels: [0, 0, 1, 1] })).toEqual([
      { train: [1, 3], validation: [0, 2] },
      { train: [0, 2], validation: [1, 3] },
    ]);
    expect(stratifiedKFold({ folds: 2 }).split(4, { labels: [1, 1, 0, 0] })).toEqual([
      { train: [1, 3], validation: [0, 2] },
      { train: [0, 2], validation: [1, 3] },
    ]);
    expect(stratifiedKFold({ folds: 2 }).split(7, { labels: [1, 1, 1, 0, 0, 0, 0] })).toEqual([
      { train: [2, 5, 6], validation: [0, 1, 3, 4] },
      { train: [0, 1, 3, 4], validation: [2, 5, 6] },
    ]);
  });
  it('matches scikit-learn on 3 classes', () => {
    expect(stratifiedKFold({ folds: 3 }).split(9, { labels: [0, 1, 0, 1, 2, 1, 2, 0, 2] })).toEqual([
      { train: [2, 3, 5, 6, 7, 8], validation: [0, 1, 4] },
      { train: [0, 1, 4, 5, 7, 8], validation: [2, 3, 6] },
      { train: [0, 1, 2, 3, 4, 6], validation: [5, 7, 8] },
    ]);
    const labels = [2, 0, 1, 1, 0, 2, 2, 0, 1, 0, 2, 2, 1, 0, 0];
    expect(stratifiedKFold({ folds: 3 }).split(15, { labels })).toEqual([
      { train: [3, 6, 7, 8, 9, 10, 11, 12, 13, 14], validation: [0, 1, 2, 4, 5] },
      { train: [0, 1, 2, 4, 5, 8, 11, 12, 13, 14], validation: [3, 6, 7, 9, 10] },
      { train: [0, 1, 2, 3, 4, 5, 6, 7, 9, 10], validation: [8, 11, 12, 13, 14] },
    ]);
  });
  it('allocates 45/5 as scikit-learn >= 0.22: minority counts 2, 2, 1', () => {
    const labels = [...new Array<number>(45).fill(0), ...new Array<number>(5).fill(1)];
    const folds = stratifiedKFold({ folds: 3 }).split(50, { labels });
    const counts = (idx: number[]) => [idx.filter((i) => labels[i] === 0).length, idx.filter((i) => labels[i] === 1).length];
    expect(folds.map((f) => counts(f.validation))).toEqual([
      [15, 2],
      [15, 2],
      [15, 1],
    ]);
    expect(folds.map((f) => counts(f.train))).toEqual([
      [30, 3],
      [30, 3],
      [30, 4],
    ]);
  });
  it('equals KFold on alternating labels (scikit-learn test)', () => {
    const labels = [0, 1, 0, 1, 0, 1, 0, 1];
    expect(stratifiedKFold({ folds: 3 }).split(8, { labels })).toEqual(kFold({ folds: 3 }).split(8));
  });
  it('shuffles within classes reproducibly and keeps the class counts', () => {
    const labels = [...new Array<number>(20).fill(0), ...new Array<number>(20).fill(1)];
    const a = stratifiedKFold({ folds: 5, shuffle: true, seed: 3 }).split(40, { labels });
    expect(a).toEqual(stratifiedKFold({ folds: 5, shuffle: true, seed: 3 }).split(40, { labels }));
    expect(a).not.toEqual(stratifiedKFold({ folds: 5 }).split(40, { labels }));
    for (const fold of a) {
      expect(fold.validation.filter((i) => labels[i] === 1)).toHaveLength(4);
      expect(fold.validation).toEqual([...fold.validation].sort((x, y) => x - y));
    }
    expect(a.flatMap((f) => f.validation).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
  it('rejects a class with fewer members than folds, naming the class', () => {
    expect(() => stratifiedKFold({ folds: 3 }).split(6, { labels: [0, 0, 0, 0, 1, 1] })).toThrow(
      /^stratifiedKFold: class 1 has 2 rows, fewer than the 3 folds$/,
    );
  });
  it('rejects more folds than rows, and missing or mis-sized labels', () => {
    expect(() => stratifiedKFold({ folds: 4 }).split(3, { labels: [0, 1, 0] })).toThrow('stratifiedKFold: cannot split 3 rows into 4 folds');
    expect(() => stratifiedKFold({ folds: 2 }).split(4)).toThrow('stratifiedKFold: labels are required');
    expect(() => stratifiedKFold({ folds: 2 }).split(4, { labels: [0, 1] })).toThrow('stratifiedKFold: got 2 labels for 4 rows');
  });
});
