import { InputError, createRng, type Dataset } from '@losslens/core';
import { stratifiedOrder } from './stratified-order.js';
import { subset } from './subset.js';

/** Options for {@link holdout}. */
export interface HoldoutOptions {
  /** Validation part: a fraction in (0, 1) of all rows (rounded up, as scikit-learn does) or a row count ≥ 1. */
  validation: number;
  /** Optional test part, sized like `validation`. */
  test?: number;
  /** Seed of the shuffle (default 0). */
  seed?: number;
  /** Keep class shares equal across parts (default: true for classification; ignored for regression). */
  stratify?: boolean;
}

/** The parts of a holdout split and the row indices (into the input) each holds. */
export interface HoldoutSplit<D extends Dataset = Dataset> {
  train: D;
  validation: D;
  test?: D;
  indices: { train: number[]; validation: number[]; test?: number[] };
}

/**
 * Splits a dataset once into disjoint train / validation (/ test) parts after a seeded shuffle.
 * The validation part comes from the training data, so model choices never look at the test set.
 * Throws `InputError` (`E_TOO_FEW_ROWS`) when a part would be empty.
 * @example
 * const { train, validation } = holdout(ds, { validation: 0.2, seed: 1 });
 */
export function holdout<D extends Dataset>(ds: D, options: HoldoutOptions): HoldoutSplit<D> {
  const n = ds.n;
  const validationSize = partSize(options.validation, n, 'validation');
  const testSize = options.test === undefined ? 0 : partSize(options.test, n, 'test');
  const trainSize = n - validationSize - testSize;
  if (trainSize < 1 || validationSize < 1 || (options.test !== undefined && testSize < 1)) {
    const parts = options.test === undefined ? 'train and validation' : 'train, validation and test';
    throw new InputError(
      'E_TOO_FEW_ROWS',
      `${n} rows cannot be split into ${parts} parts of at least one row each (validation=${options.validation}${
        options.test === undefined ? '' : `, test=${options.test}`
      })`,
      { file: ds.name },
    );
  }
  const rng = createRng(options.seed ?? 0).fork('holdout');
  const stratify = ds.task === 'classification' && (options.stratify ?? true);
  const order = stratify ? stratifiedOrder(ds.targets, rng) : rng.permutation(n);
  const test = order.slice(0, testSize);
  const validation = order.slice(testSize, testSize + validationSize);
  const train = order.slice(testSize + validationSize);
  const split: HoldoutSplit<D> = {
    train: subset(ds, train),
    validation: subset(ds, validation),
    indices: { train, validation },
  };
  if (options.test !== undefined) {
    split.test = subset(ds, test);
    split.indices.test = test;
  }
  return split;
}

function partSize(value: number, n: number, part: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new InputError('E_USAGE', `${part} must be a fraction in (0, 1) or a row count ≥ 1, got ${value}`);
  }
  if (value < 1) return Math.ceil(value * n - 1e-9);
  if (!Number.isInteger(value)) {
    throw new InputError('E_USAGE', `${part} must be a fraction in (0, 1) or a whole row count, got ${value}`);
  }
  return value;
}
