import { describe, expect, it } from 'vitest';
import { readNumericCell } from './cell.js';

describe('readNumericCell', () => {
  it('reads plain decimal numbers, trimmed', () => {
    expect(readNumericCell(' 2.5 ')).toEqual({ kind: 'number', value: 2.5 });
    expect(readNumericCell('-.5')).toEqual({ kind: 'number', value: -0.5 });
    expect(readNumericCell('1e3')).toEqual({ kind: 'number', value: 1000 });
    expect(readNumericCell('+7.')).toEqual({ kind: 'number', value: 7 });
    expect(readNumericCell(4)).toEqual({ kind: 'number', value: 4 });
  });
  it('treats empty, null and undefined as missing', () => {
    for (const cell of ['', '   ', null, undefined]) expect(readNumericCell(cell)).toEqual({ kind: 'missing' });
  });
  it('flags NaN and infinities in any spelling', () => {
    for (const text of ['NaN', 'nan', 'Inf', '-inf', '+Infinity']) expect(readNumericCell(text).kind).toBe('not-finite');
    expect(readNumericCell(Number.NaN).kind).toBe('not-finite');
    expect(readNumericCell(Number.POSITIVE_INFINITY).kind).toBe('not-finite');
  });
  it('rejects what Number() would quietly accept or misread', () => {
    for (const cell of ['0x10', '1,5', 'abc', '1 2', '--1', true, {}]) expect(readNumericCell(cell).kind).toBe('not-a-number');
  });
});
