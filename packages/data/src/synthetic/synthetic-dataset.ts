import { InputError, type Dataset } from '@losslens/core';

/** What is known by construction about a synthetic dataset. */
export interface SyntheticTruth {
  /** The generating rule, in words. */
  readonly description: string;
  /** Standard deviation of the noise added to targets (regression) or inputs (classification). */
  readonly noiseStd: number;
  /**
   * The noise-free rule on one feature row: regression targets (the best possible MSE is
   * `noiseStd²`), a teacher classifier's logits, or a shift pair's 0/1 label.
   */
  readonly f?: (x: readonly number[]) => number[];
}

/** A dataset made by a generator, carrying its known truth. */
export type SyntheticDataset = Dataset & { readonly truth: SyntheticTruth };

/** A train/test pair drawn from different distributions, for mismatch demos. */
export interface ShiftPair {
  readonly train: SyntheticDataset;
  readonly test: SyntheticDataset;
  readonly shift: {
    readonly kind: 'covariate' | 'label' | 'concept';
    /** What differs between train and test, in words. */
    readonly description: string;
  };
}

/** Checks a generator's row count (a whole number ≥ `min`). */
export function checkCount(name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InputError('E_USAGE', `${name} must be a whole number ≥ ${min}, got ${value}`);
  }
  return value;
}

/** Checks a non-negative finite option such as a noise level. */
export function checkNonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new InputError('E_USAGE', `${name} must be a finite number ≥ 0, got ${value}`);
  return value;
}

/** Renders generator options for `origin`, e.g. `n=200, noise=0.1, seed=0`. */
export function describeOptions(options: Record<string, unknown>): string {
  return Object.entries(options)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`)
    .join(', ');
}
