import { describe, expect, it } from 'vitest';
import type { BatchRun } from '@losslens/optim';
import { lectureTable } from './batch-study-report.js';

const run = (batchSize: number, msPerUpdate: number, updatesPerEpoch: number, train: number, validation: number, topEigenvalue?: number): BatchRun => ({
  batchSize,
  requested: batchSize,
  learningRate: 0.1,
  updatesPerEpoch,
  msPerUpdate,
  msPerEpoch: msPerUpdate * updatesPerEpoch,
  train: { loss: train, accuracy: 1 - train },
  validation: { loss: validation, accuracy: 1 - validation },
  stopReason: 'completed',
  epochs: 3,
  history: [],
  ...(topEigenvalue === undefined ? {} : { sharpness: { topEigenvalue, keskar: topEigenvalue / 10 } }),
});

describe('lectureTable', () => {
  it('fills the lecture’s rows from the smallest and the largest batch size, whatever their order', () => {
    // 1000 rows: batch 10 → 100 updates of 0.5 ms (50 ms), batch 1000 → 1 update of 4 ms.
    const rows = lectureTable([run(1000, 4, 1, 0.3, 0.45, 8), run(100, 1, 10, 0.2, 0.3, 3), run(10, 0.5, 100, 0.1, 0.2, 2)]);
    expect(rows.map((r) => r.quantity)).toEqual([
      'time per update (ms)',
      'time per epoch (ms)',
      'optimization (final training loss)',
      'generalization (validation loss; gap to train)',
      'generalization (validation accuracy)',
      'sharpness (top Hessian eigenvalue; Keskar ε-sharpness)',
    ]);
    expect(rows.map((r) => [r.measured.small, r.measured.large])).toEqual([
      ['0.5', '4'],
      ['50', '4'],
      ['0.1', '0.3'],
      ['0.2; gap 0.1', '0.45; gap 0.15'],
      ['80.0 %', '55.0 %'],
      ['2; 0.2', '8; 0.8'],
    ]);
    expect(rows[0]?.reading).toBe('an update at 1000 takes 8× as long as at 10');
    expect(rows[0]?.agrees).toBeUndefined();
    expect(rows[1]?.reading).toBe('an epoch at 1000 is 12.5× faster than at 10 (1 vs 100 updates)');
    expect(rows.slice(1).map((r) => r.agrees)).toEqual([true, true, true, true, true]);
    expect(rows[5]?.reading).toBe('the large batch ends 4× sharper (top eigenvalue)');
  });

  it('says "no" where the measurements contradict the lecture, and is empty for one batch size', () => {
    const rows = lectureTable([run(8, 1, 10, 0.4, 0.5, 5), run(80, 20, 1, 0.2, 0.3, 1)]);
    expect(rows.map((r) => r.agrees)).toEqual([undefined, false, false, false, false, false]);
    expect(lectureTable([run(8, 1, 10, 0.4, 0.5)])).toEqual([]);
  });
});
