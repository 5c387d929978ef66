/**
 * Turns a parsed table (header + rows of raw cells) into a Dataset, checking every cell.
 * The CSV and JSON loaders and the built-in tables all go through here.
 */
import { InputError, type Dataset, type Task } from '@losslens/core';
import { FLOAT32_MAX, describeValue, readNumericCell, type CellReading } from './cell.js';
import { inferTask } from './infer-task.js';

/** One data row: its raw cells in column order and the row number a person sees in the file. */
export interface TableRow {
  /** 1-based row in the file (CSV: header = row 1; JSON: the record number). */
  readonly row: number;
  readonly cells: readonly unknown[];
}

/** A parsed table before any checking. */
export interface RawTable {
  /** How errors name the source, e.g. `train.csv`. */
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
}

/** Options shared by every table loader. */
export interface TableOptions {
  /** The target column. */
  target: string;
  /** The task; default: inferred from the target column (see `inferTask`). */
  task?: Task;
  /** Feature columns in order; default: every column but the target, in file order. */
  features?: readonly string[];
  /**
   * Drop rows with a missing value (empty, `null`, `NA`, `NaN`) in a used column instead of
   * failing; the count is recorded in `origin`. Default false: a missing value is an error.
   */
  dropMissing?: boolean;
  /** Fewer data rows than this is an error (default 2). */
  minRows?: number;
  /** Dataset name (default: the file label). */
  name?: string;
  /** Dataset origin (default: the file label). */
  origin?: string;
  /**
   * Read this table as more rows of `like` (e.g. a test file for a training file): the task,
   * feature columns and class list come from `like`; a class label it does not know is an
   * error; a constant target or a single class is allowed; `minRows` defaults to 1.
   */
  like?: Pick<Dataset, 'task' | 'featureNames' | 'classNames' | 'name'>;
}

const MISSING_WORDS = new Set(['na', 'n/a', 'nan', 'null', 'none', '.', '?']);

/**
 * Checks a raw table and builds a Dataset: numeric finite features, a numeric regression
 * target or a classification target mapped to class indices (class names sorted: numerically
 * when every label is a number, else by string), at least `minRows` rows, and a target that
 * varies (two or more classes). Every failure is an `InputError` naming file, row and column.
 * @example
 * const ds = tableToDataset(
 *   { file: 'a.csv', columns: ['x', 'y'], rows: [{ row: 2, cells: ['1', 'a'] }, { row: 3, cells: ['2', 'b'] }] },
 *   { target: 'y' },
 * ); // classification, classNames ['a', 'b']
 */
export function tableToDataset(table: RawTable, options: TableOptions): Dataset {
  const { file, columns } = table;
  checkHeader(table);
  const targetIndex = columns.indexOf(options.target);
  if (targetIndex < 0) {
    throw new InputError(
      'E_SCHEMA',
      `target column "${options.target}" not found; the columns are: ${columns.join(', ')}`,
      { file, column: options.target },
    );
  }
  const like = options.like;
  const featureNames = options.features ?? like?.featureNames ?? columns.filter((_, i) => i !== targetIndex);
  const featureIndex = featureNames.map((name) => {
    const index = columns.indexOf(name);
    if (index < 0) {
      throw new InputError('E_SCHEMA', `feature column "${name}" not found; the columns are: ${columns.join(', ')}`, {
        file,
        column: name,
      });
    }
    if (index === targetIndex) {
      throw new InputError('E_SCHEMA', `column "${name}" cannot be both the target and a feature`, { file, column: name });
    }
    return index;
  });
  if (like !== undefined && options.features === undefined) {
    const extra = columns.find((name, i) => i !== targetIndex && !like.featureNames.includes(name));
    if (extra !== undefined) {
      throw new InputError('E_SCHEMA', `column "${extra}" is not a feature of ${like.name} (${like.featureNames.join(', ')})`, {
        file,
        column: extra,
      });
    }
  }
  if (featureIndex.length === 0) {
    throw new InputError('E_SCHEMA', `there is no feature column besides the target "${options.target}"`, { file });
  }

  let rows = table.rows;
  let dropped = 0;
  if (options.dropMissing === true) {
    const used = [...featureIndex, targetIndex];
    rows = rows.filter((r) => !used.some((i) => isMissingLike(r.cells[i])));
    dropped = table.rows.length - rows.length;
  }

  const minRows = options.minRows ?? (like === undefined ? 2 : 1);
  if (rows.length === 0) {
    throw new InputError(
      'E_TOO_FEW_ROWS',
      dropped > 0 ? `every row has a missing value (${dropped} dropped); no data rows left` : 'the header is there but no data rows follow',
      { file },
    );
  }
  if (rows.length < minRows) {
    throw new InputError('E_TOO_FEW_ROWS', `${rows.length} data row${rows.length === 1 ? '' : 's'}; at least ${minRows} are needed`, {
      file,
    });
  }

  const task = like?.task ?? options.task ?? inferTask(rows.map((r) => r.cells[targetIndex]));
  const n = rows.length;
  const d = featureIndex.length;
  const features = new Float32Array(n * d);
  const numericTargets = new Float64Array(n);
  const labels: string[] = [];
  const numericLabels: (number | undefined)[] = [];
  const targetName = options.target;

  rows.forEach((r, i) => {
    for (let j = 0; j < d; j++) {
      const column = featureIndex[j] as number;
      features[i * d + j] = checkedNumber(readNumericCell(r.cells[column]), r.cells[column], file, r.row, columns[column] as string);
    }
    const cell = r.cells[targetIndex];
    const reading = readNumericCell(cell);
    if (task === 'regression') {
      numericTargets[i] = checkedNumber(reading, cell, file, r.row, targetName);
    } else {
      if (reading.kind === 'missing') {
        throw new InputError('E_VALUE', 'empty cell (missing value); fill it in or remove the row', { file, row: r.row, column: targetName });
      }
      if (reading.kind === 'not-finite') {
        throw new InputError('E_VALUE', `"${reading.text}" is not a valid class label`, { file, row: r.row, column: targetName });
      }
      numericLabels.push(reading.kind === 'number' ? reading.value : undefined);
      labels.push(typeof cell === 'string' ? cell.trim() : describeValue(cell));
    }
  });

  const base = {
    name: options.name ?? file,
    n,
    featureShape: [d],
    features,
    featureNames,
    targetName,
    origin: (options.origin ?? file) + (dropped > 0 ? ` (${dropped} row${dropped === 1 ? '' : 's'} with missing values dropped)` : ''),
  };

  if (task === 'regression') {
    const first = numericTargets[0] as number;
    if (like === undefined && numericTargets.every((v) => v === first)) {
      throw new InputError('E_VALUE', `the target is ${first} in every row; there is nothing to learn`, { file, column: targetName });
    }
    return { ...base, task, outputs: 1, targets: Float32Array.from(numericTargets) };
  }

  const allNumeric = numericLabels.every((v) => v !== undefined);
  const keys = allNumeric ? numericLabels.map((v) => String(v)) : labels;
  if (like !== undefined) {
    const known = like.classNames ?? [];
    const indexOf = new Map(known.map((name, i) => [name, i]));
    const targets = new Float32Array(n);
    keys.forEach((key, i) => {
      const index = indexOf.get(key) ?? indexOf.get(labels[i] as string);
      if (index === undefined) {
        throw new InputError('E_VALUE', `class "${labels[i]}" is not one of the classes of ${like.name} (${known.join(', ')})`, {
          file,
          row: (rows[i] as TableRow).row,
          column: targetName,
        });
      }
      targets[i] = index;
    });
    return { ...base, task, outputs: known.length, targets, classNames: known };
  }
  const classNames = allNumeric
    ? [...new Set(numericLabels as number[])].sort((a, b) => a - b).map(String)
    : [...new Set(labels)].sort(compareStrings);
  if (classNames.length < 2) {
    throw new InputError(
      'E_VALUE',
      `only one class ("${classNames[0] ?? ''}") in ${n} rows; classification needs at least two`,
      { file, column: targetName },
    );
  }
  const indexOf = new Map(classNames.map((name, i) => [name, i]));
  const targets = Float32Array.from(keys, (key) => indexOf.get(key) as number);
  return { ...base, task, outputs: classNames.length, targets, classNames };
}

function checkHeader(table: RawTable): void {
  const seen = new Map<string, number>();
  table.columns.forEach((name, i) => {
    if (name.trim().length === 0) {
      throw new InputError('E_SCHEMA', `column ${i + 1} of the header has no name`, { file: table.file, row: 1 });
    }
    const before = seen.get(name);
    if (before !== undefined) {
      throw new InputError('E_SCHEMA', `column name "${name}" appears twice (columns ${before + 1} and ${i + 1})`, {
        file: table.file,
        row: 1,
      });
    }
    seen.set(name, i);
  });
}

function checkedNumber(reading: CellReading, cell: unknown, file: string, row: number, column: string): number {
  switch (reading.kind) {
    case 'number':
      if (Math.abs(reading.value) > FLOAT32_MAX) {
        throw new InputError('E_VALUE', `${describeValue(cell)} is too large for float32`, { file, row, column });
      }
      return reading.value;
    case 'missing':
      throw new InputError('E_VALUE', 'empty cell (missing value); fill it in or remove the row', { file, row, column });
    case 'not-finite':
      throw new InputError('E_VALUE', `"${reading.text}" is not a finite number`, { file, row, column });
    case 'not-a-number':
      throw new InputError('E_VALUE', `"${reading.text}" is not a number`, { file, row, column });
  }
}

function isMissingLike(cell: unknown): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === 'number') return Number.isNaN(cell);
  if (typeof cell === 'string') {
    const text = cell.trim();
    return text.length === 0 || MISSING_WORDS.has(text.toLowerCase());
  }
  return false;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
