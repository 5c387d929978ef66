/**
 * The input of the shift tests: rows of numeric features. A core `Dataset` is one, and so is
 * anything with `n` rows and a row-major `features` array.
 */
import { InputError } from '@losslens/core';

/** Rows of features, row-major: `features.length = n × columns`. A `Dataset` fits. */
export interface FeatureTable {
  readonly n: number;
  readonly features: ArrayLike<number>;
  /** Column names (default `x0`, `x1`, …). */
  readonly featureNames?: readonly string[];
}

/** A feature table checked and viewed column by column. */
export interface Columns {
  readonly n: number;
  readonly columns: number;
  readonly names: readonly string[];
  /** Column `j` as a new Float64Array. */
  column(j: number): Float64Array;
  /** Row `i`, column `j`. */
  at(i: number, j: number): number;
}

/**
 * A feature table from an array of rows, e.g. `Float32Array`s.
 * @example
 * const table = tableFromRows([[1, 2], [3, 4]], ['a', 'b']); // n = 2, two columns
 */
export function tableFromRows(rows: readonly ArrayLike<number>[], names?: readonly string[]): FeatureTable {
  const columns = rows[0]?.length ?? 0;
  const features = new Float64Array(rows.length * columns);
  rows.forEach((row, i) => {
    if (row.length !== columns) {
      throw new InputError('E_SHAPE', `row ${i} has ${row.length} values, expected ${columns}`);
    }
    for (let j = 0; j < columns; j++) features[i * columns + j] = row[j] as number;
  });
  return names === undefined ? { n: rows.length, features } : { n: rows.length, features, featureNames: names };
}

/**
 * Checks a table (whole rows, finite values) and gives column access; `label` names it in errors.
 * @example
 * const cols = columnsOf(train, 'train'); cols.column(0);
 */
export function columnsOf(table: FeatureTable, label: string): Columns {
  const { n, features } = table;
  if (!Number.isInteger(n) || n < 1) throw new InputError('E_TOO_FEW_ROWS', `${label}: needs at least 1 row, got ${n}`);
  if (features.length % n !== 0) {
    throw new InputError('E_SHAPE', `${label}: ${features.length} feature values do not split into ${n} rows`);
  }
  const columns = features.length / n;
  for (let k = 0; k < features.length; k++) {
    if (!Number.isFinite(features[k] as number)) {
      throw new InputError('E_VALUE', `${label}: row ${Math.floor(k / columns)}, column ${k % columns} is not a finite number`);
    }
  }
  const names = table.featureNames !== undefined && table.featureNames.length === columns
    ? table.featureNames
    : Array.from({ length: columns }, (_, j) => `x${j}`);
  return {
    n,
    columns,
    names,
    column(j: number) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = features[i * columns + j] as number;
      return out;
    },
    at: (i, j) => features[i * columns + j] as number,
  };
}

/**
 * Checks two tables for a two-sample test: same column count, at least `minRows` rows each.
 * @example
 * const [a, b] = pairOf(train, test, 2);
 */
export function pairOf(train: FeatureTable, test: FeatureTable, minRows = 1): [Columns, Columns] {
  const a = columnsOf(train, 'train');
  const b = columnsOf(test, 'test');
  if (a.columns !== b.columns) {
    throw new InputError('E_SHAPE', `train has ${a.columns} feature columns but test has ${b.columns}`);
  }
  if (a.columns === 0) throw new InputError('E_SHAPE', 'train and test have no feature columns');
  if (a.n < minRows || b.n < minRows) {
    throw new InputError('E_TOO_FEW_ROWS', `a two-sample test needs at least ${minRows} rows per sample, got ${a.n} train and ${b.n} test`);
  }
  return [a, b];
}
