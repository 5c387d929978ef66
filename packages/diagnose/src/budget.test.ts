import { expect, it } from 'vitest';
import { budgets, epochsFor, MIN_EPOCHS, runSize } from './budget.js';

it('caps the epochs by updates, keeps at least 3, and lets the user decide', () => {
  expect(epochsFor(budgets.standard, 160, 32)).toBe(60); // 5 updates/epoch: the epoch cap binds
  expect(epochsFor(budgets.standard, 8000, 32)).toBe(8); // 250 updates/epoch: 2000 / 250
  expect(epochsFor(budgets.quick, 100_000, 32)).toBe(3);
  expect(epochsFor(budgets.standard, 8000, 'full')).toBe(60);
  expect(epochsFor(budgets.quick, 8000, 32, 7)).toBe(7);
});

it('runSize caps the updates of a run for any data size by sampling whole batches of rows', () => {
  for (const budget of ['quick', 'standard', 'thorough'] as const) {
    const plan = budgets[budget];
    for (const rows of [10, 160, 8000, 100_000, 1_000_000, 50_000_000]) {
      for (const batchSize of [1, 32, 256]) {
        const size = runSize(plan, rows, batchSize);
        expect(size.updates, `${budget} ${rows} rows, batch ${batchSize}`).toBeLessThanOrEqual(Math.max(plan.maxUpdates, MIN_EPOCHS));
        expect(size.updates).toBe(size.epochs * Math.ceil(size.rows / batchSize));
        expect(size.epochs).toBeGreaterThanOrEqual(MIN_EPOCHS);
        expect(size.rows).toBeLessThanOrEqual(rows);
        expect(size.rows).toBeGreaterThan(0);
      }
    }
  }
  // the case: 1M rows (800k after the validation split) at batch 32 trained 75k updates per run
  expect(runSize(budgets.standard, 800_000, 32)).toEqual({ epochs: 3, rows: 666 * 32, updates: 1998 });
  expect(runSize(budgets.standard, 1_000_000, 32)).toEqual({ epochs: 3, rows: 21312, updates: 1998 });
  // small data keep every row; the user's epochs use every row
  expect(runSize(budgets.standard, 800, 32)).toEqual({ epochs: 60, rows: 800, updates: 1500 });
  expect(runSize(budgets.standard, 1_000_000, 32, 2)).toEqual({ epochs: 2, rows: 1_000_000, updates: 62500 });
  expect(runSize(budgets.standard, 1_000_000, 'full')).toEqual({ epochs: 60, rows: 1_000_000, updates: 60 });
});
