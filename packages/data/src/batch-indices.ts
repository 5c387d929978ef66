import { InputError, type Rng } from '@losslens/core';

/** Options for {@link batchIndices}. */
export interface BatchIndexOptions {
  /** Shuffle before batching (default true). Each call draws a new order from `rng`: one call per epoch. */
  shuffle?: boolean;
  /** Drop a last batch smaller than `batchSize` (default false). */
  dropLast?: boolean;
}

/**
 * Row indices grouped into batches for one epoch. `batchSize` larger than `n` (or `'full'`)
 * gives one batch of all rows. Calling again with the same `rng` continues its stream, so
 * every epoch gets a fresh shuffle while the whole run stays reproducible from one seed.
 * @example
 * const rng = createRng(1).fork('batches');
 * for (let epoch = 0; epoch < 3; epoch++) {
 *   for (const rows of batchIndices(ds.n, 32, rng)) { … toTensors(ds, rows) … }
 * }
 */
export function batchIndices(n: number, batchSize: number | 'full', rng: Rng, options: BatchIndexOptions = {}): number[][] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (batchSize !== 'full' && (!Number.isInteger(batchSize) || batchSize < 1)) {
    throw new InputError('E_USAGE', `batch size must be a whole number ≥ 1 or "full", got ${String(batchSize)}`, {
      flag: '--batch-size',
    });
  }
  if (n === 0) return [];
  const size = batchSize === 'full' ? n : Math.min(batchSize, n);
  const order = options.shuffle === false ? Array.from({ length: n }, (_, i) => i) : rng.permutation(n);
  const batches: number[][] = [];
  for (let start = 0; start < n; start += size) {
    const batch = order.slice(start, start + size);
    if (batch.length < size && options.dropLast === true) break;
    batches.push(batch);
  }
  return batches;
}
