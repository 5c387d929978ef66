import { describe, expect, it } from 'vitest';
import { main } from './batch-study.js';

describe('batch-size study on iris', () => {
  it('runs one row per batch size with ⌈n/b⌉ updates and √-scaled learning rates', async () => {
    const runs = await main();
    expect(runs.map((r) => r.batchSize)).toEqual([4, 32, 120]);
    expect(runs.map((r) => r.updatesPerEpoch)).toEqual([30, 4, 1]); // ⌈120/4⌉, ⌈120/32⌉, 1
    const rates = [0.05, 0.05 * Math.sqrt(32 / 4), 0.05 * Math.sqrt(120 / 4)];
    runs.forEach((r, i) => expect(r.learningRate).toBeCloseTo(rates[i]!, 12));
    for (const r of runs) {
      expect(Number.isFinite(r.train.loss)).toBe(true);
      expect(r.validation?.accuracy).toBeGreaterThanOrEqual(0);
      expect(r.msPerEpoch).toBeGreaterThan(0);
    }
    // Same epochs, 30 updates per epoch against 1: the small batch gets much further.
    expect(runs[0]!.train.loss).toBeLessThan(runs[2]!.train.loss);
  });
});
