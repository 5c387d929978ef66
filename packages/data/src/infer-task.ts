import type { Task } from '@losslens/core';
import { readNumericCell } from './cell.js';

/** At most this many distinct integer values make an integer target a classification target. */
export const MAX_INFERRED_CLASSES = 10;

/**
 * Guesses the task from a target column's raw cells (missing, NaN and Inf cells are ignored;
 * the loader reports them).
 * The rule: **classification** when any value is not a number (`"setosa"`), or when every
 * value is an integer, there are at most {@link MAX_INFERRED_CLASSES} distinct values, and
 * each value occurs twice on average (distinct values ≤ rows / 2); otherwise **regression**.
 * So `0/1` labels are classification, prices and `1.5, 2.0, …` are regression, and `1..5`
 * over five rows is regression (one row per "class" is not a class).
 * Pass `task` explicitly to override the guess.
 * @example
 * inferTask(['a', 'b', 'a']);      // 'classification'
 * inferTask(['0', '1', '1', '0']); // 'classification'
 * inferTask([1.5, 2.25, 3]);       // 'regression'
 */
export function inferTask(cells: readonly unknown[]): Task {
  const distinct = new Set<number>();
  let rows = 0;
  let allIntegers = true;
  for (const cell of cells) {
    const reading = readNumericCell(cell);
    if (reading.kind === 'missing' || reading.kind === 'not-finite') continue; // errors, reported by the loader
    if (reading.kind !== 'number') return 'classification';
    rows++;
    if (!Number.isInteger(reading.value)) allIntegers = false;
    distinct.add(reading.value);
  }
  if (allIntegers && rows > 0 && distinct.size <= MAX_INFERRED_CLASSES && distinct.size * 2 <= rows) {
    return 'classification';
  }
  return 'regression';
}
