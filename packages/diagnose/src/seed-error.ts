/** The noise of a run repeated on several seeds. */
import type { RunSummary } from './measurements.js';

/**
 * The standard error of a mean: sample standard deviation over √n (0 for one value).
 * @example
 * standardErrorOfMean([1, 2, 3]); // 0.5774
 */
export function standardErrorOfMean(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
}

/** The standard error over seeds of one of a run's losses (0 without repeats). */
export function seedStandardError(run: RunSummary, key: 'train' | 'validation' | 'test'): number {
  const values = (run.seeds ?? []).map((s) => s[key]).filter((v): v is number => v !== undefined && Number.isFinite(v));
  return standardErrorOfMean(values);
}

