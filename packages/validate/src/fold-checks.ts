/**
 * Shared argument checks and index helpers for the splitters.
 */
import { InputError } from '@losslens/core';
import type { Fold } from '@losslens/core';

/** Throws unless `value` is an integer ≥ `min`; `name` is the option as the user wrote it. */
export function requireInteger(splitter: string, name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InputError('E_USAGE', `${splitter}: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `n` is a non-negative integer row count. */
export function requireRowCount(splitter: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new InputError('E_USAGE', `${splitter}: the row count must be a non-negative integer, got ${String(n)}`);
  }
  return n;
}

/** Throws E_TOO_FEW_ROWS when `folds` exceeds the rows `n`. */
export function requireEnoughRows(splitter: string, folds: number, n: number): void {
  if (folds > n) {
    throw new InputError('E_TOO_FEW_ROWS', `${splitter}: cannot split ${n} rows into ${folds} folds (need at least ${folds} rows)`);
  }
}

/** Throws unless a per-row array (labels or groups) has exactly `n` entries. */
export function requireLength(splitter: string, what: string, values: ArrayLike<unknown> | undefined, n: number): void {
  if (values === undefined) throw new InputError('E_USAGE', `${splitter}: ${what} are required`);
  if (values.length !== n) {
    throw new InputError('E_SHAPE', `${splitter}: got ${values.length} ${what} for ${n} rows`);
  }
}

/** Builds the folds from one test-fold id per row (ids 0..folds-1): validation = rows with that id, train = the rest, both ascending. */
export function foldsFromAssignment(assignment: ArrayLike<number>, folds: number): Fold[] {
  const out: Fold[] = [];
  for (let f = 0; f < folds; f++) out.push({ train: [], validation: [] });
  for (let i = 0; i < assignment.length; i++) {
    const id = assignment[i] as number;
    for (let f = 0; f < folds; f++) {
      const fold = out[f] as Fold;
      if (f === id) fold.validation.push(i);
      else fold.train.push(i);
    }
  }
  return out;
}

/** The rows 0..n-1 that are not in `validation` (ascending). */
export function complement(n: number, validation: readonly number[]): number[] {
  const inValidation = new Uint8Array(n);
  for (const i of validation) inValidation[i] = 1;
  const train: number[] = [];
  for (let i = 0; i < n; i++) if (inValidation[i] === 0) train.push(i);
  return train;
}
