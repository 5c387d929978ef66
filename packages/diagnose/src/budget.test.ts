import { expect, it } from 'vitest';
import { budgets, epochsFor } from './budget.js';

it('caps the epochs by updates, keeps at least 3, and lets the user decide', () => {
  expect(epochsFor(budgets.standard, 160, 32)).toBe(60); // 5 updates/epoch: the epoch cap binds
  expect(epochsFor(budgets.standard, 8000, 32)).toBe(8); // 250 updates/epoch: 2000 / 250
  expect(epochsFor(budgets.quick, 100_000, 32)).toBe(3);
  expect(epochsFor(budgets.standard, 8000, 'full')).toBe(60);
  expect(epochsFor(budgets.quick, 8000, 32, 7)).toBe(7);
});
