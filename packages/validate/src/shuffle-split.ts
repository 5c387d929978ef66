import { createRng, InputError } from '@losslens/core';
import type { Fold, Splitter } from '@losslens/core';
import { requireInteger, requireRowCount } from './fold-checks.js';

/** Options for {@link shuffleSplit}. */
export interface ShuffleSplitOptions {
  /** Number of independent splits (default 10, as scikit-learn). */
  splits?: number;
  /** Validation size: a fraction in (0, 1) (rows rounded up) or a row count (default 0.1). */
  testSize?: number;
  /** Training size: a fraction in (0, 1) (rows rounded down) or a row count (default: the rest). */
  trainSize?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * Sizes of the train and validation parts with scikit-learn's rules: a fractional test size
 * rounds up, a fractional train size rounds down, a missing one takes the rest.
 * @example
 * splitSizes(10, 0.25); // { train: 7, test: 3 }
 */
export function splitSizes(n: number, testSize: number | undefined, trainSize: number | undefined, who = 'shuffleSplit'): { train: number; test: number } {
  const toRows = (size: number, name: string, round: (x: number) => number): number => {
    if (!Number.isFinite(size) || size <= 0) throw new InputError('E_USAGE', `${who}: ${name} must be > 0, got ${size}`);
    if (size < 1) return round(size * n);
    if (!Number.isInteger(size)) throw new InputError('E_USAGE', `${who}: ${name} must be a fraction in (0, 1) or a row count, got ${size}`);
    if (size >= n) throw new InputError('E_TOO_FEW_ROWS', `${who}: ${name}=${size} must be smaller than the ${n} rows`);
    return size;
  };
  const effectiveTest = testSize === undefined && trainSize === undefined ? 0.1 : testSize;
  if (effectiveTest !== undefined && trainSize !== undefined && effectiveTest < 1 && trainSize < 1 && effectiveTest + trainSize > 1) {
    throw new InputError('E_USAGE', `${who}: testSize + trainSize = ${effectiveTest + trainSize} exceeds 1`);
  }
  let test = effectiveTest === undefined ? undefined : toRows(effectiveTest, 'testSize', Math.ceil);
  let train = trainSize === undefined ? undefined : toRows(trainSize, 'trainSize', Math.floor);
  if (train === undefined) train = n - (test as number);
  if (test === undefined) test = n - train;
  if (train + test > n) {
    throw new InputError('E_USAGE', `${who}: trainSize + testSize = ${train + test} rows exceeds the ${n} rows`);
  }
  if (train <= 0 || test <= 0) {
    throw new InputError('E_TOO_FEW_ROWS', `${who}: with ${n} rows the ${train <= 0 ? 'training' : 'validation'} part would be empty`);
  }
  return { train, test };
}

/**
 * Random train/validation splits with scikit-learn's `ShuffleSplit` sizes. Each split takes
 * the first `test` rows of a fresh seeded permutation as validation and the next `train` as
 * training; both are returned ascending (scikit-learn leaves them in permutation order).
 * @example
 * shuffleSplit({ splits: 3, testSize: 0.2, seed: 1 }).split(10).map((f) => f.validation.length); // [2, 2, 2]
 */
export function shuffleSplit(options: ShuffleSplitOptions = {}): Splitter {
  const splits = requireInteger('shuffleSplit', 'splits', options.splits ?? 10, 1);
  const seed = options.seed ?? 0;
  return {
    name: `shuffle-split(${splits}, seed=${seed})`,
    split(n: number): Fold[] {
      requireRowCount('shuffleSplit', n);
      const sizes = splitSizes(n, options.testSize, options.trainSize);
      const rng = createRng(seed);
      const out: Fold[] = [];
      for (let s = 0; s < splits; s++) {
        const perm = rng.permutation(n);
        out.push({
          validation: perm.slice(0, sizes.test).sort((a, b) => a - b),
          train: perm.slice(sizes.test, sizes.test + sizes.train).sort((a, b) => a - b),
        });
      }
      return out;
    },
  };
}

/** Options for {@link holdoutSplit}. */
export interface HoldoutOptions {
  /** Validation size: a fraction in (0, 1) (rounded up) or a row count (default 0.2). */
  validation?: number;
  /** Shuffle before splitting (default true); without it the last rows are the validation set. */
  shuffle?: boolean;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * One train/validation split: the holdout, N-fold cross validation's special case. Without
 * `shuffle` it matches scikit-learn's `train_test_split(shuffle=False)` (train first, validation last).
 * @example
 * holdoutSplit({ validation: 0.2, shuffle: false }).split(10); // [{ train: [0..7], validation: [8, 9] }]
 */
export function holdoutSplit(options: HoldoutOptions = {}): Splitter {
  const validation = options.validation ?? 0.2;
  const shuffle = options.shuffle ?? true;
  const seed = options.seed ?? 0;
  return {
    name: shuffle ? `holdout(${validation}, seed=${seed})` : `holdout(${validation})`,
    split(n: number): Fold[] {
      requireRowCount('holdoutSplit', n);
      const sizes = splitSizes(n, validation, undefined, 'holdoutSplit');
      if (shuffle) return shuffleSplit({ splits: 1, testSize: sizes.test, trainSize: sizes.train, seed }).split(n);
      return [
        {
          train: Array.from({ length: sizes.train }, (_, i) => i),
          validation: Array.from({ length: sizes.test }, (_, i) => sizes.train + i),
        },
      ];
    },
  };
}
