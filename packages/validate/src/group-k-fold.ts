import { InputError } from '@losslens/core';
import type { Fold, Splitter } from '@losslens/core';
import { foldsFromAssignment, requireEnoughRows, requireInteger, requireLength, requireRowCount } from './fold-checks.js';

/** Options for {@link groupKFold}. */
export interface GroupKFoldOptions {
  /** Number of folds, at least 2 (default 5). */
  folds?: number;
}

/**
 * K-fold over groups with scikit-learn's `GroupKFold` semantics: no group is on both sides
 * of a split; groups (sorted like `np.unique`) are dealt largest first, each to the fold
 * with the fewest rows so far (the first such fold on ties). Groups of equal size are taken
 * in descending order of their sorted position, which is what NumPy does for up to 16 groups;
 * with more groups of tied sizes NumPy's unstable sort may order them differently.
 * Needs `groups` (numbers or strings). Throws InputError `E_TOO_FEW_ROWS` when there are
 * fewer groups than folds.
 * @example
 * groupKFold({ folds: 2 }).split(6, { groups: [0, 0, 2, 2, 3, 3] });
 * // [{ train: [2, 3], validation: [0, 1, 4, 5] }, { train: [0, 1, 4, 5], validation: [2, 3] }]
 */
export function groupKFold(options: GroupKFoldOptions = {}): Splitter {
  const folds = requireInteger('groupKFold', 'folds', options.folds ?? 5, 2);
  return {
    name: `group-kfold(${folds})`,
    split(n: number, splitOptions = {}): Fold[] {
      requireRowCount('groupKFold', n);
      const groups = splitOptions.groups;
      requireLength('groupKFold', 'groups', groups, n);
      requireEnoughRows('groupKFold', folds, n);
      const values = Array.from(groups as ArrayLike<number | string>);
      const allNumbers = values.every((v) => typeof v === 'number');
      const unique = [...new Set(values)].sort((a, b) =>
        allNumbers ? (a as number) - (b as number) : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
      );
      if (folds > unique.length) {
        throw new InputError('E_TOO_FEW_ROWS', `groupKFold: cannot split ${unique.length} groups into ${folds} folds`);
      }
      const indexOf = new Map(unique.map((g, i) => [g, i]));
      const inverse = values.map((v) => indexOf.get(v) as number);
      const sizes = new Array<number>(unique.length).fill(0);
      for (const g of inverse) sizes[g] = (sizes[g] as number) + 1;
      // Stable ascending argsort, then reversed: largest first, ties by descending position.
      const order = sizes
        .map((size, g) => ({ size, g }))
        .sort((a, b) => a.size - b.size || a.g - b.g)
        .map((e) => e.g)
        .reverse();
      const load = new Array<number>(folds).fill(0);
      const foldOfGroup = new Int32Array(unique.length);
      for (const g of order) {
        let lightest = 0;
        for (let f = 1; f < folds; f++) if ((load[f] as number) < (load[lightest] as number)) lightest = f;
        load[lightest] = (load[lightest] as number) + (sizes[g] as number);
        foldOfGroup[g] = lightest;
      }
      return foldsFromAssignment(
        inverse.map((g) => foldOfGroup[g] as number),
        folds,
      );
    },
  };
}
