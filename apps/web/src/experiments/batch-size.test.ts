import { describe, expect, it } from 'vitest';
import { createDefaultLens } from '@losslens/lens';
import { expectNoLeaks } from '@losslens/testing';
import { measureBatchSizes } from './batch-size.js';

describe('measureBatchSizes', () => {
  it('takes ceil(rows / batch) updates per epoch and optimizes better with small batches', async () => {
    const lens = await createDefaultLens({ backend: 'wasm' });
    const { trainRows, runs } = await expectNoLeaks(() => measureBatchSizes(lens, { batchSizes: [8, 64, 'full'], n: 200, epochs: 15 }));
    expect(trainRows).toBe(150); // 200 rows, a quarter held out
    expect(runs.map((r) => r.updatesPerEpoch)).toEqual([19, 3, 1]); // ceil(150/8), ceil(150/64), full batch
    expect(runs.map((r) => r.history.length)).toEqual([15, 15, 15]);
    const [small, , full] = runs;
    expect(small?.train.loss).toBeLessThan(full?.train.loss ?? 0);
    expect(small?.validation.accuracy).toBeGreaterThanOrEqual(full?.validation.accuracy ?? 1);
  });
});
