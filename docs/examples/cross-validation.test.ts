import { describe, expect, it } from 'vitest';
import { main } from './cross-validation.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('3-fold cross validation and model selection', () => {
  it('uses scikit-learn KFold folds, mean and sample std of the fold losses, and picks the smallest mean', async () => {
    const r = await main();
    // sklearn.model_selection.KFold(n_splits=3).split(range(62)): test folds of 21, 21 and 20 rows.
    expect(r.validationRows).toEqual([range(0, 20), range(21, 41), range(42, 61)]);
    for (const m of r.models) {
      expect(m.foldLosses).toHaveLength(3);
      const mean = m.foldLosses.reduce((s, x) => s + x, 0) / 3;
      const std = Math.sqrt(m.foldLosses.reduce((s, x) => s + (x - mean) ** 2, 0) / 2); // numpy.std(ddof=1)
      expect(m.mean).toBeCloseTo(mean, 12);
      expect(m.std).toBeCloseTo(std, 12);
    }
    const [line, net] = r.models;
    expect(net!.mean).toBeLessThan(line!.mean);
    expect(r.selected).toBe('mlp:16:tanh');
  });
});
