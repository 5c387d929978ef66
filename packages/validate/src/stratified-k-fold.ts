import { createRng, InputError } from '@losslens/core';
import type { Fold, Splitter } from '@losslens/core';
import { foldsFromAssignment, requireEnoughRows, requireInteger, requireLength, requireRowCount } from './fold-checks.js';

/** Options for {@link stratifiedKFold}. */
export interface StratifiedKFoldOptions {
  /** Number of folds, at least 2 (default 5). */
  folds?: number;
  /** Shuffle each class's rows among the folds (default false). */
  shuffle?: boolean;
  /** Seed of the shuffle (default 0). */
  seed?: number;
}

/**
 * Stratified k-fold with scikit-learn ≥ 0.22's `StratifiedKFold` allocation: classes are
 * numbered by first appearance, the per-fold class counts come from dealing the class-sorted
 * labels round-robin over the folds, and each class's rows are given to the folds in blocks
 * (in row order, or shuffled per class by core's RNG with `shuffle`). Needs `labels`
 * (class ids or any values compared by identity).
 * Throws InputError when there are fewer rows than folds (`E_TOO_FEW_ROWS`), or when a
 * class has fewer members than folds (`E_TOO_FEW_ROWS`; scikit-learn only warns there).
 * @example
 * stratifiedKFold({ folds: 2 }).split(4, { labels: [1, 1, 0, 0] });
 * // [{ train: [1, 3], validation: [0, 2] }, { train: [0, 2], validation: [1, 3] }]
 */
export function stratifiedKFold(options: StratifiedKFoldOptions = {}): Splitter {
  const folds = requireInteger('stratifiedKFold', 'folds', options.folds ?? 5, 2);
  const shuffle = options.shuffle ?? false;
  const seed = options.seed ?? 0;
  return {
    name: shuffle ? `stratified-kfold(${folds}, shuffle, seed=${seed})` : `stratified-kfold(${folds})`,
    split(n: number, splitOptions = {}): Fold[] {
      requireRowCount('stratifiedKFold', n);
      const labels = splitOptions.labels;
      requireLength('stratifiedKFold', 'labels', labels, n);
      requireEnoughRows('stratifiedKFold', folds, n);
      // Encode classes by order of first appearance (scikit-learn's y_encoded).
      const codeOf = new Map<number, number>();
      const encoded = new Int32Array(n);
      const labelOfCode: number[] = [];
      for (let i = 0; i < n; i++) {
        const label = (labels as ArrayLike<number>)[i] as number;
        let code = codeOf.get(label);
        if (code === undefined) {
          code = codeOf.size;
          codeOf.set(label, code);
          labelOfCode.push(label);
        }
        encoded[i] = code;
      }
      const classes = codeOf.size;
      const counts = new Array<number>(classes).fill(0);
      for (const code of encoded) counts[code] = (counts[code] as number) + 1;
      for (let k = 0; k < classes; k++) {
        if ((counts[k] as number) < folds) {
          throw new InputError(
            'E_TOO_FEW_ROWS',
            `stratifiedKFold: class ${String(labelOfCode[k])} has ${counts[k]} rows, fewer than the ${folds} folds`,
          );
        }
      }
      // allocation[f][k]: rows of class k in fold f = bincount(sorted(encoded)[f::folds]).
      const sorted = Array.from(encoded).sort((a, b) => a - b);
      const allocation: number[][] = Array.from({ length: folds }, () => new Array<number>(classes).fill(0));
      for (let i = 0; i < n; i++) {
        const row = allocation[i % folds] as number[];
        const code = sorted[i] as number;
        row[code] = (row[code] as number) + 1;
      }
      const assignment = new Int32Array(n);
      const rng = createRng(seed);
      for (let k = 0; k < classes; k++) {
        let foldsForClass: number[] = [];
        for (let f = 0; f < folds; f++) {
          const count = (allocation[f] as number[])[k] as number;
          for (let j = 0; j < count; j++) foldsForClass.push(f);
        }
        if (shuffle) foldsForClass = rng.shuffle(foldsForClass);
        let position = 0;
        for (let i = 0; i < n; i++) if (encoded[i] === k) assignment[i] = foldsForClass[position++] as number;
      }
      return foldsFromAssignment(assignment, folds);
    },
  };
}
