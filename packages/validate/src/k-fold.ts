import { createRng } from '@losslens/core';
import type { Fold, Splitter } from '@losslens/core';
import { foldsFromAssignment, requireEnoughRows, requireInteger, requireRowCount } from './fold-checks.js';

/** Options for {@link kFold}. */
export interface KFoldOptions {
  /** Number of folds, at least 2 (default 5, as scikit-learn). */
  folds?: number;
  /** Shuffle the rows before cutting them into folds (default false). */
  shuffle?: boolean;
  /** Seed of the shuffle (default 0; ignored without `shuffle`). */
  seed?: number;
}

/**
 * K-fold splitter with scikit-learn's `KFold` semantics: consecutive folds, the first
 * `n mod k` folds one row larger, train and validation indices ascending. With `shuffle`
 * the rows are permuted by core's seeded RNG first (so the folds differ from scikit-learn's
 * NumPy-seeded ones, but are reproducible for a seed).
 * Throws InputError `E_TOO_FEW_ROWS` when there are fewer rows than folds.
 * @example
 * kFold({ folds: 2 }).split(4); // [{ train: [2, 3], validation: [0, 1] }, { train: [0, 1], validation: [2, 3] }]
 */
export function kFold(options: KFoldOptions = {}): Splitter {
  const folds = requireInteger('kFold', 'folds', options.folds ?? 5, 2);
  const shuffle = options.shuffle ?? false;
  const seed = options.seed ?? 0;
  return {
    name: shuffle ? `kfold(${folds}, shuffle, seed=${seed})` : `kfold(${folds})`,
    split(n: number): Fold[] {
      requireRowCount('kFold', n);
      requireEnoughRows('kFold', folds, n);
      const order = shuffle ? createRng(seed).permutation(n) : Array.from({ length: n }, (_, i) => i);
      const assignment = new Int32Array(n);
      const base = Math.floor(n / folds);
      const extra = n % folds;
      let position = 0;
      for (let f = 0; f < folds; f++) {
        const size = base + (f < extra ? 1 : 0);
        for (let j = 0; j < size; j++) assignment[order[position++] as number] = f;
      }
      return foldsFromAssignment(assignment, folds);
    },
  };
}
