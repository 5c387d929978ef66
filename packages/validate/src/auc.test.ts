import { describe, expect, it } from 'vitest';
import { rocAuc } from './auc.js';

// References: scikit-learn 1.2.1 roc_auc_score.
describe('rocAuc', () => {
  it('matches roc_auc_score, ties counting one half', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(rocAuc([0.5, 0.5, 0.2, 0.9, 0.7, 0.5], [1, 0, 1, 0, 1, 1])).toBe(0.25);
    expect(rocAuc([1, 2, 3], [0, 1, 1])).toBe(1);
  });
  it('is NaN with one class only', () => {
    expect(rocAuc([1, 2], [1, 1])).toBeNaN();
  });
});
