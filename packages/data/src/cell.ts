/**
 * Reading one table cell as a number, strictly: the rules every loader (CSV, JSON,
 * built-in tables) shares, so the same cell fails the same way everywhere.
 */

/** What a cell turned out to be. */
export type CellReading =
  | { kind: 'number'; value: number }
  | { kind: 'missing' }
  | { kind: 'not-finite'; text: string }
  | { kind: 'not-a-number'; text: string };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Reads a raw cell (a CSV string or a JSON value) as a finite number.
 * Empty strings, `null` and `undefined` are missing; `NaN`, `Inf`, `-Infinity` (any case) are
 * not finite; anything else that is not a plain decimal number (`1e3`, `-.5`, ` 7 ` are fine;
 * `0x10`, `1,5`, `true` are not) is not a number.
 * @example
 * readNumericCell(' 2.5 '); // { kind: 'number', value: 2.5 }
 * readNumericCell('abc');   // { kind: 'not-a-number', text: 'abc' }
 */
export function readNumericCell(cell: unknown): CellReading {
  if (cell === null || cell === undefined) return { kind: 'missing' };
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? { kind: 'number', value: cell } : { kind: 'not-finite', text: String(cell) };
  }
  if (typeof cell !== 'string') return { kind: 'not-a-number', text: describeValue(cell) };
  const text = cell.trim();
  if (text.length === 0) return { kind: 'missing' };
  if (NUMBER.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'not-finite', text };
  }
  if (NOT_FINITE.test(text)) return { kind: 'not-finite', text };
  return { kind: 'not-a-number', text };
}

/** A short, one-line rendering of any raw cell for error messages. */
export function describeValue(cell: unknown): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'object' && cell !== null) {
    const json = JSON.stringify(cell);
    return json.length > 40 ? `${json.slice(0, 37)}...` : json;
  }
  return String(cell);
}

/** The largest finite float32 value; larger magnitudes overflow to Infinity in a Float32Array. */
export const FLOAT32_MAX = 3.4028234663852886e38;
