import { createRng, type Dataset } from '@losslens/core';
import { subset } from './subset.js';

/**
 * The rows in a seeded random order (a new Dataset; the input is unchanged).
 * @example
 * const shuffled = shuffleRows(ds, 7);
 */
export function shuffleRows<D extends Dataset>(ds: D, seed: number): D {
  return subset(ds, createRng(seed).fork('shuffle').permutation(ds.n));
}
