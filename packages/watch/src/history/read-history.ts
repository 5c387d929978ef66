/**
 * A training log as a person already has one: a Keras `CSVLogger` file, a tfjs `History` as JSON
 * (`{ history: { loss: […] } }` or the bare `{ loss: […] }`), or a plain epoch/loss table (CSV,
 * TSV, or a JSON array of rows). Bad input throws one InputError naming the file, row and column.
 */
import Papa from 'papaparse';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError } from '@losslens/core';

/** Where a log came from. */
export type LogFormat = 'keras-csv' | 'tfjs-history' | 'table';

/** A parsed log: per-epoch series by their names in the file (`loss`, `val_loss`, `acc`, …). */
export interface TrainingLog {
  file: string;
  format: LogFormat;
  /** The epoch of each row as the file numbers it (Keras and tfjs count from 0). */
  epochs: number[];
  /** Every numeric column but the epoch; NaN where the log had `nan`/`null` (tfjs JSON writes NaN as null). */
  series: Record<string, number[]>;
  /** The column holding the training loss. */
  trainKey: string;
  /** The column holding the validation loss, when the log has one. */
  validationKey?: string;
}

const TRAIN_KEYS = ['loss', 'train_loss', 'training_loss', 'trainLoss', 'train'];
const VALIDATION_KEYS = ['val_loss', 'validation_loss', 'valid_loss', 'validationLoss', 'val', 'validation'];
const EPOCH_KEYS = ['epoch', 'epochs', 'step', 'Epoch'];

/**
 * Reads a log from its text; `file` names it in errors. JSON when the text starts with `{` or `[`, else a table.
 * @example
 * parseHistory('epoch,loss,val_loss\n0,0.9,1.0\n1,0.5,0.7\n', 'log.csv').series.val_loss; // [1, 0.7]
 */
export function parseHistory(text: string, file: string): TrainingLog {
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (clean.trim().length === 0) throw new InputError('E_FILE_EMPTY', 'the file is empty', { file });
  const first = clean.trimStart()[0];
  return first === '{' || first === '[' ? parseJsonHistory(clean, file) : parseTableHistory(clean, file);
}

function parseNumber(cell: string, file: string, row: number, column: string): number {
  const t = cell.trim();
  if (/^[-+]?nan$/i.test(t)) return Number.NaN;
  if (/^\+?(inf|infinity)$/i.test(t)) return Infinity;
  if (/^-(inf|infinity)$/i.test(t)) return -Infinity;
  const v = t === '' ? Number.NaN : Number(t);
  if (t === '' || Number.isNaN(v)) throw new InputError('E_VALUE', `"${cell}" is not a number`, { file, row, column });
  return v;
}

function parseTableHistory(text: string, file: string): TrainingLog {
  const head = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = head.includes(',') ? ',' : head.includes('\t') ? '\t' : head.includes(';') ? ';' : ' ';
  const parsed = Papa.parse<string[]>(delimiter === ' ' ? text.replace(/[ \t]+/g, ' ') : text, { delimiter, skipEmptyLines: false });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote !== undefined) throw new InputError('E_PARSE', 'a quoted field is never closed', { file, row: (quote.row ?? 0) + 1 });
  const records = parsed.data.map((cells, i) => ({ row: i + 1, cells: delimiter === ' ' ? cells.filter((c, j) => !(c === '' && (j === 0 || j === cells.length - 1))) : cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = records[0];
  if (header === undefined) throw new InputError('E_FILE_EMPTY', 'the file is empty', { file });
  const columns = header.cells.map((c) => c.trim());
  const keras = delimiter === ',' && columns[0] === 'epoch' && columns.length > 1;
  const rows = records.slice(1);
  const raw: Record<string, number>[] = rows.map((r) => {
    if (r.cells.length !== columns.length) throw new InputError('E_PARSE', `has ${r.cells.length} field${r.cells.length === 1 ? '' : 's'}, the header has ${columns.length}`, { file, row: r.row });
    const out: Record<string, number> = {};
    columns.forEach((c, j) => {
      out[c] = parseNumber(r.cells[j] as string, file, r.row, c);
    });
    return out;
  });
  return fromRows(raw, columns, file, keras ? 'keras-csv' : 'table', (i) => rows[i]?.row ?? i + 2);
}

function fromRows(raw: Record<string, number>[], columns: string[], file: string, format: LogFormat, rowOf: (i: number) => number): TrainingLog {
  const trainKey = TRAIN_KEYS.find((k) => columns.includes(k));
  if (trainKey === undefined) throw new InputError('E_SCHEMA', `no training-loss column (looked for ${TRAIN_KEYS.join(', ')}; the log has ${columns.join(', ') || 'none'})`, { file, column: 'loss' });
  const epochKey = EPOCH_KEYS.find((k) => columns.includes(k));
  const epochs = raw.map((r, i) => {
    if (epochKey === undefined) return i;
    const e = r[epochKey] as number;
    if (!Number.isInteger(e)) throw new InputError('E_VALUE', `epoch ${e} is not a whole number`, { file, row: rowOf(i), column: epochKey });
    return e;
  });
  for (let i = 1; i < epochs.length; i++) {
    if ((epochs[i] as number) <= (epochs[i - 1] as number)) throw new InputError('E_VALUE', `epoch ${epochs[i]} does not follow epoch ${epochs[i - 1]} (rows must be in epoch order, one per epoch)`, { file, row: rowOf(i), ...(epochKey ? { column: epochKey } : {}) });
  }
  if (raw.length < 2) throw new InputError('E_TOO_FEW_ROWS', `has ${raw.length} epoch${raw.length === 1 ? '' : 's'}; a curve needs at least 2`, { file });
  const series: Record<string, number[]> = {};
  for (const c of columns) if (c !== epochKey) series[c] = raw.map((r) => r[c] as number);
  const validationKey = VALIDATION_KEYS.find((k) => columns.includes(k));
  return { file, format, epochs, series, trainKey, ...(validationKey ? { validationKey } : {}) };
}

function parseJsonHistory(text: string, file: string): TrainingLog {
  // jsonc-parser reports where strict JSON breaks (Node's JSON.parse often gives no position).
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const error = errors[0];
  if (error !== undefined) {
    const before = text.slice(0, error.offset);
    const row = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const what = printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    throw new InputError('E_PARSE', `not valid JSON (${what})`, { file, row, column });
  }
  if (Array.isArray(value)) {
    const rows = value.map((row, i) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new InputError('E_SCHEMA', `entry ${i} is not an object of per-epoch values`, { file, row: i + 1 });
      return row as Record<string, unknown>;
    });
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const raw = rows.map((r, i) => {
      const out: Record<string, number> = {};
      for (const c of columns) out[c] = jsonNumber(r[c], file, c, i);
      return out;
    });
    return fromRows(raw, columns, file, 'table', (i) => i + 1);
  }
  if (value === null || typeof value !== 'object') throw new InputError('E_SCHEMA', 'expected a tfjs History ({ "history": { "loss": [...] } }), its bare history object, or an array of per-epoch rows', { file });
  const object = value as Record<string, unknown>;
  const history = (typeof object.history === 'object' && object.history !== null && !Array.isArray(object.history) ? object.history : object) as Record<string, unknown>;
  const arrays = Object.entries(history).filter(([k]) => k !== 'epoch');
  let length: number | undefined;
  const raw: Record<string, number>[] = [];
  for (const [key, series] of arrays) {
    if (!Array.isArray(series)) throw new InputError('E_SCHEMA', `"${key}" is not an array of per-epoch values`, { file, column: key });
    if (length !== undefined && series.length !== length) throw new InputError('E_SCHEMA', `"${key}" has ${series.length} epochs, "${arrays[0]?.[0]}" has ${length}`, { file, column: key });
    length = series.length;
    series.forEach((v, i) => {
      (raw[i] ??= {})[key] = jsonNumber(v, file, key, i);
    });
  }
  const epochList = Array.isArray(object.epoch) ? object.epoch : Array.isArray(history.epoch) ? history.epoch : undefined;
  const columns = arrays.map(([k]) => k);
  if (epochList !== undefined && epochList.length === raw.length) {
    epochList.forEach((e, i) => {
      (raw[i] ??= {}).epoch = jsonNumber(e, file, 'epoch', i);
    });
    columns.unshift('epoch');
  }
  return fromRows(raw, columns, file, 'tfjs-history', (i) => i + 1);
}

/** A JSON per-epoch value: a number, or null (tfjs's JSON of NaN); anything else is refused. */
function jsonNumber(v: unknown, file: string, column: string, index: number): number {
  if (typeof v === 'number') return v;
  if (v === null) return Number.NaN;
  if (typeof v === 'string' && /^[-+]?(nan|inf|infinity)$/i.test(v.trim())) return parseNumber(v, file, index + 1, column);
  throw new InputError('E_VALUE', `epoch entry ${index} is ${JSON.stringify(v)}, not a number`, { file, row: index + 1, column });
}
