import { describe, expect, it } from 'vitest';
import { createDefaultLens } from '@losslens/lens';
import { expectNoLeaks } from '@losslens/testing';
import { measureDepth } from './depth.js';

describe('measureDepth', () => {
  it('finds the deep sigmoid net stuck at the constant predictor while a shallower relative learns', async () => {
    const lens = await createDefaultLens({ backend: 'wasm' });
    const m = await expectNoLeaks(() => measureDepth(lens, { n: 1, epochs: 60 }));
    expect(m.runs.map((r) => r.spec)).toEqual(['mlp:16:sigmoid', 'mlp:16x16x16x16x16x16:sigmoid']);
    const [shallow, deep] = m.runs;
    // The stuck net predicts about the mean of y, whose MSE is the targets' variance (computed in float64).
    expect(Math.abs((deep?.trainLoss ?? 0) / m.constantLoss - 1)).toBeLessThan(0.05);
    expect(shallow?.trainLoss).toBeLessThan(0.6 * m.constantLoss);
    expect(m.optimizationIssue).toBe(true);
    expect(deep?.history).toHaveLength(60);
  });
});
