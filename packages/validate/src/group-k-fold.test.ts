import { describe, expect, it } from 'vitest';
import { groupKFold } from './group-k-fold.js';

// Expected folds: scikit-learn 1.2.1 GroupKFold output (docstring example and a string-group case).
describe('groupKFold', () => {
  it('matches the scikit-learn docstring example', () => {
    expect(groupKFold({ folds: 2 }).split(6, { groups: [0, 0, 2, 2, 3, 3] })).toEqual([
      { train: [2, 3], validation: [0, 1, 4, 5] },
      { train: [0, 1, 4, 5], validation: [2, 3] },
    ]);
  });
  it('matches scikit-learn on string groups of uneven sizes', () => {
    const groups = ['b', 'a', 'c', 'a', 'b', 'd', 'd', 'd', 'e', 'a'];
    expect(groupKFold({ folds: 3 }).split(10, { groups })).toEqual([
      { train: [0, 1, 3, 4, 8, 9], validation: [2, 5, 6, 7] },
      { train: [0, 2, 4, 5, 6, 7, 8], validation: [1, 3, 9] },
      { train: [1, 2, 3, 5, 6, 7, 9], validation: [0, 4, 8] },
    ]);
  });
  it('never puts a group on both sides', () => {
    const groups = Array.from({ length: 40 }, (_, i) => (i * 7) % 9);
    for (const fold of groupKFold({ folds: 4 }).split(40, { groups })) {
      const trainGroups = new Set(fold.train.map((i) => groups[i]));
      expect(fold.validation.some((i) => trainGroups.has(groups[i]))).toBe(false);
    }
  });
  it('rejects more folds than groups', () => {
    expect(() => groupKFold({ folds: 3 }).split(5, { groups: [1, 1, 1, 2, 2] })).toThrow(/^groupKFold: cannot split 2 groups into 3 folds$/);
    expect(() => groupKFold({ folds: 3 }).split(5)).toThrow('groupKFold: groups are required');
  });
});
