/**
 * JSON loading: an array of records (`[{ "x1": 1, "y": "a" }, …]`), the shape vega-datasets
 * and most APIs use. Columns are the first record's keys, in order.
 */
import { InputError, type Dataset } from '@losslens/core';
import { describeValue } from './cell.js';
import { readTextFile } from './read-text-file.js';
import { tableToDataset, type TableOptions } from './table.js';

/** Options for {@link parseJson}, {@link loadJson} and {@link recordsToDataset}. */
export interface JsonOptions extends TableOptions {
  /** How errors name the source (default `input.json` for text, the path for files). */
  file?: string;
}

/**
 * Builds a Dataset from an array of records. Row numbers in errors are record numbers
 * (the first record is row 1). A record with a key the first record lacks is an error; a
 * missing key is a missing value (an error unless `dropMissing`).
 * @example
 * recordsToDataset([{ x: 1, y: 'a' }, { x: 2, y: 'b' }], { target: 'y' }).classNames; // ['a', 'b']
 */
export function recordsToDataset(records: unknown, options: JsonOptions): Dataset {
  const file = options.file ?? 'input.json';
  if (!Array.isArray(records)) {
    throw new InputError('E_SCHEMA', `expected an array of records, got ${records === null ? 'null' : typeof records}`, { file });
  }
  if (records.length === 0) throw new InputError('E_FILE_EMPTY', 'the array has no records', { file });
  const asRecord = (value: unknown, row: number): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError('E_SCHEMA', `expected a record {"column": value, …}, got ${describeValue(value)}`, { file, row });
    }
    return value as Record<string, unknown>;
  };
  const columns = Object.keys(asRecord(records[0], 1));
  const known = new Set(columns);
  const rows = records.map((value, i) => {
    const record = asRecord(value, i + 1);
    for (const key of Object.keys(record)) {
      if (!known.has(key)) {
        throw new InputError('E_PARSE', `has a field the first record lacks (columns: ${columns.join(', ')})`, {
          file,
          row: i + 1,
          column: key,
        });
      }
    }
    return { row: i + 1, cells: columns.map((c) => record[c]) };
  });
  return tableToDataset({ file, columns, rows }, options);
}

/**
 * Parses JSON text holding an array of records into a Dataset.
 * @example
 * parseJson('[{"x":1,"y":0.5},{"x":2,"y":1.5}]', { target: 'y' }).task; // 'regression'
 */
export function parseJson(text: string, options: JsonOptions): Dataset {
  const file = options.file ?? 'input.json';
  if (text.trim().length === 0) throw new InputError('E_FILE_EMPTY', 'the file is empty', { file });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError('E_PARSE', `not valid JSON (${(error as Error).message})`, { file });
  }
  return recordsToDataset(value, { ...options, file });
}

/**
 * Reads and parses a JSON file of records (Node).
 * @example
 * const ds = await loadJson('cars.json', { target: 'Miles_per_Gallon', features: ['Horsepower'], dropMissing: true });
 */
export async function loadJson(path: string, options: JsonOptions): Promise<Dataset> {
  const file = options.file ?? path;
  const text = await readTextFile(path, file);
  return parseJson(text, { ...options, file, origin: options.origin ?? path });
}
