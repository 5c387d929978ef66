import { InputError } from '@losslens/core';
import type { Fold, Splitter } from '@losslens/core';
import { complement, requireRowCount } from './fold-checks.js';

/**
 * Leave-one-out: `n` folds, fold `i` validating on row `i` alone (scikit-learn's `LeaveOneOut`).
 * Throws InputError `E_TOO_FEW_ROWS` for fewer than 2 rows.
 * @example
 * leaveOneOut().split(3); // [{ train: [1, 2], validation: [0] }, { train: [0, 2], validation: [1] }, { train: [0, 1], validation: [2] }]
 */
export function leaveOneOut(): Splitter {
  return {
    name: 'leave-one-out',
    split(n: number): Fold[] {
      requireRowCount('leaveOneOut', n);
      if (n < 2) throw new InputError('E_TOO_FEW_ROWS', `leaveOneOut: needs at least 2 rows, got ${n}`);
      return Array.from({ length: n }, (_, i) => ({ train: complement(n, [i]), validation: [i] }));
    },
  };
}
