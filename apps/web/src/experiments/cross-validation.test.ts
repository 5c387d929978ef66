import { describe, expect, it } from 'vitest';
import { createDefaultLens } from '@losslens/lens';
import { expectNoLeaks } from '@losslens/testing';
import { measureCrossValidation } from './cross-validation.js';

describe('measureCrossValidation', () => {
  it('scores every candidate on the same k folds and picks the smallest mean validation loss', async () => {
    const lens = await createDefaultLens({ backend: 'wasm' });
    const m = await expectNoLeaks(() => measureCrossValidation(lens, { candidates: ['linear', 'mlp:8:tanh'], folds: 3, epochs: 40 }));
    expect(m.scores.map((s) => s.spec)).toEqual(['linear', 'mlp:8:tanh']);
    expect(m.scores.map((s) => s.parameters)).toEqual([2, 25]); // 1·1 + 1; (1·8 + 8) + (8·1 + 1)
    for (const s of m.scores) {
      expect(s.foldLosses).toHaveLength(3);
      const mean = s.foldLosses.reduce((a, b) => a + b, 0) / 3;
      expect(s.validationMean).toBeCloseTo(mean, 10);
    }
    const means = m.scores.map((s) => s.validationMean);
    expect(m.selectedIndex).toBe(means.indexOf(Math.min(...means)));
    // A cubic: the line is biased, so its training loss is the larger one.
    expect(m.scores[0]!.trainMean).toBeGreaterThan(m.scores[1]!.trainMean);
  }, 120_000);
});
