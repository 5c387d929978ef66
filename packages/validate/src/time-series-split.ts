import { InputError } from '@losslens/core';
import type { Fold, Splitter } from '@losslens/core';
import { requireInteger, requireRowCount } from './fold-checks.js';

/** Options for {@link timeSeriesSplit}. */
export interface TimeSeriesSplitOptions {
  /** Number of splits, at least 2 (default 5). */
  splits?: number;
  /** Keep only the last `maxTrainSize` training rows of each split (default: all). */
  maxTrainSize?: number;
  /** Rows per validation block (default `floor(n / (splits + 1))`). */
  testSize?: number;
  /** Rows dropped between the end of training and the validation block (default 0). */
  gap?: number;
}

/**
 * Forward-chaining splitter with scikit-learn's `TimeSeriesSplit` semantics: validation
 * blocks of `testSize` rows at the end of the data, each trained on the rows before it
 * (minus `gap`, capped at `maxTrainSize`). Rows are never shuffled.
 * Throws InputError `E_TOO_FEW_ROWS` when `splits + 1` exceeds the rows or the blocks do not fit.
 * @example
 * timeSeriesSplit({ splits: 3, testSize: 2, gap: 2 }).split(12)[0];
 * // { train: [0, 1, 2, 3], validation: [6, 7] }
 */
export function timeSeriesSplit(options: TimeSeriesSplitOptions = {}): Splitter {
  const splits = requireInteger('timeSeriesSplit', 'splits', options.splits ?? 5, 2);
  const gap = requireInteger('timeSeriesSplit', 'gap', options.gap ?? 0, 0);
  const maxTrainSize =
    options.maxTrainSize === undefined ? undefined : requireInteger('timeSeriesSplit', 'maxTrainSize', options.maxTrainSize, 1);
  const fixedTestSize =
    options.testSize === undefined ? undefined : requireInteger('timeSeriesSplit', 'testSize', options.testSize, 1);
  return {
    name: `time-series-split(${splits})`,
    split(n: number): Fold[] {
      requireRowCount('timeSeriesSplit', n);
      const blocks = splits + 1;
      if (blocks > n) {
        throw new InputError('E_TOO_FEW_ROWS', `timeSeriesSplit: ${splits} splits need at least ${blocks} rows, got ${n}`);
      }
      const testSize = fixedTestSize ?? Math.floor(n / blocks);
      if (n - gap - testSize * splits <= 0) {
        throw new InputError(
          'E_TOO_FEW_ROWS',
          `timeSeriesSplit: ${splits} splits of ${testSize} rows with gap ${gap} do not fit in ${n} rows`,
        );
      }
      const out: Fold[] = [];
      for (let testStart = n - splits * testSize; testStart < n; testStart += testSize) {
        const trainEnd = testStart - gap;
        const trainStart = maxTrainSize !== undefined && maxTrainSize < trainEnd ? trainEnd - maxTrainSize : 0;
        out.push({
          train: range(trainStart, trainEnd),
          validation: range(testStart, Math.min(testStart + testSize, n)),
        });
      }
      return out;
    },
  };
}

function range(start: number, stop: number): number[] {
  return Array.from({ length: Math.max(0, stop - start) }, (_, i) => start + i);
}
