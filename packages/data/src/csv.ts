/**
 * CSV loading: a header row, then one row per sample; every column but the target is a
 * numeric feature, in file order.
 */
import Papa from 'papaparse';
import { InputError, type Dataset } from '@losslens/core';
import { readTextFile } from './read-text-file.js';
import { tableToDataset, type TableOptions, type TableRow } from './table.js';

/** Options for {@link parseCsv} and {@link loadCsv}. */
export interface CsvOptions extends TableOptions {
  /** How errors name the file (default `input.csv` for text, the path for files). */
  file?: string;
  /** Field separator; default: `,` unless the header has tabs or semicolons and no commas. */
  delimiter?: string;
}

/**
 * Parses CSV text into a Dataset (see `tableToDataset` for the checks and `inferTask` for the
 * task rule). Row numbers in errors are file lines as a person sees them: the header is row 1.
 * Blank lines are skipped (but still counted).
 * @example
 * const ds = parseCsv('x1,x2,y\n1,2,0.5\n3,4,1.5\n', { target: 'y', file: 'train.csv' });
 * ds.task; // 'regression'
 */
export function parseCsv(text: string, options: CsvOptions): Dataset {
  const file = options.file ?? 'input.csv';
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (clean.trim().length === 0) throw new InputError('E_FILE_EMPTY', 'the file is empty', { file });
  const delimiter = options.delimiter ?? guessDelimiter(clean);
  const parsed = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false });

  // File line of each record: a record starts one line after the previous one ended,
  // and a quoted field may span several lines.
  const lines: number[] = [];
  let line = 1;
  for (const record of parsed.data) {
    lines.push(line);
    line += 1 + record.reduce((sum, cell) => sum + countNewlines(cell), 0);
  }
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError !== undefined) {
    const row = lines[quoteError.row ?? 0] ?? 1;
    const what = quoteError.code === 'MissingQuotes' ? 'a quoted field is never closed' : 'a stray quote inside a field';
    throw new InputError('E_PARSE', what, { file, row });
  }

  const records = parsed.data.map((cells, i) => ({ row: lines[i] as number, cells })).filter((r) => !isBlank(r.cells));
  const header = records[0];
  if (header === undefined) throw new InputError('E_FILE_EMPTY', 'the file is empty', { file });
  const columns = header.cells.map((c) => c.trim());
  const rows: TableRow[] = records.slice(1);
  for (const r of rows) {
    if (r.cells.length !== columns.length) {
      throw new InputError(
        'E_PARSE',
        `has ${r.cells.length} field${r.cells.length === 1 ? '' : 's'}, the header has ${columns.length}`,
        { file, row: r.row },
      );
    }
  }
  return tableToDataset({ file, columns, rows }, options);
}

/**
 * Reads and parses a CSV file (Node). A missing file, a directory or an empty file is an
 * `InputError` naming the path; everything else as {@link parseCsv}.
 * @example
 * const ds = await loadCsv('train.csv', { target: 'y' });
 */
export async function loadCsv(path: string, options: CsvOptions): Promise<Dataset> {
  const file = options.file ?? path;
  const text = await readTextFile(path, file);
  return parseCsv(text, { ...options, file, origin: options.origin ?? path });
}

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(';')) return ';';
  return ',';
}

function countNewlines(cell: string): number {
  let count = 0;
  for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) count++;
  return count;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.length === 1 && (cells[0] as string).trim().length === 0;
}
