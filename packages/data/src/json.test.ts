import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJson, parseJson, recordsToDataset } from './json.js';

describe('JSON records', () => {
  it('reads numbers and numeric strings; columns follow the first record', () => {
    const ds = parseJson('[{"b":1,"y":"cat","a":"2"},{"b":3,"y":"ant","a":4},{"a":6,"b":5,"y":"cat"}]', { target: 'y' });
    expect(ds.featureNames).toEqual(['b', 'a']);
    expect(Array.from(ds.features)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ds.classNames).toEqual(['ant', 'cat']);
    expect(Array.from(ds.targets)).toEqual([1, 0, 1]);
  });

  it('dropMissing drops rows with null / NA in the used columns and says how many in origin', () => {
    const records = [
      { x: 1, note: null, y: 2 },
      { x: null, note: 'a', y: 3 },
      { x: 3, note: 'b', y: 'NA' },
      { x: 4, note: 'c', y: 5 },
    ];
    const ds = recordsToDataset(records, { target: 'y', features: ['x'], dropMissing: true, origin: 'r.json' });
    expect(ds.n).toBe(2);
    expect(Array.from(ds.features)).toEqual([1, 4]);
    expect(Array.from(ds.targets)).toEqual([2, 5]);
    expect(ds.origin).toBe('r.json (2 rows with missing values dropped)');
  });

  it('bad input names the file, record and field', () => {
    expect(() => parseJson('', { target: 'y', file: 'd.json' })).toThrow('d.json: the file is empty');
    expect(() => parseJson('{"x":', { target: 'y', file: 'd.json' })).toThrow(/^d\.json: not valid JSON \(.+\)$/);
    expect(() => parseJson('{"x":1}', { target: 'y', file: 'd.json' })).toThrow('d.json: expected an array of records, got object');
    expect(() => parseJson('[]', { target: 'y', file: 'd.json' })).toThrow('d.json: the array has no records');
    expect(() => parseJson('[{"x":1,"y":2},[1,2]]', { target: 'y', file: 'd.json' })).toThrow(
      'd.json: row 2: expected a record {"column": value, …}, got [1,2]',
    );
    expect(() => parseJson('[{"x":1,"y":2},{"x":2,"y":3,"z":4}]', { target: 'y', file: 'd.json' })).toThrow(
      'd.json: row 2, column "z": has a field the first record lacks (columns: x, y)',
    );
    expect(() => parseJson('[{"x":1,"y":2},{"y":3}]', { target: 'y', file: 'd.json' })).toThrow(
      'd.json: row 2, column "x": empty cell (missing value); fill it in or remove the row',
    );
    expect(() => parseJson('[{"x":1,"y":2},{"x":true,"y":3}]', { target: 'y', file: 'd.json' })).toThrow(
      'd.json: row 2, column "x": "true" is not a number',
    );
  });

  it('loadJson reads a file; a missing one is an input error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'losslens-json-'));
    const path = join(dir, 'r.json');
    await writeFile(path, JSON.stringify([{ x: 1, y: 0.5 }, { x: 2, y: 1.5 }]));
    const ds = await loadJson(path, { target: 'y' });
    expect(ds.task).toBe('regression');
    expect(Array.from(ds.targets)).toEqual([0.5, 1.5]);
    await expect(loadJson(join(dir, 'none.json'), { target: 'y', file: 'none.json' })).rejects.toMatchObject({
      code: 'E_FILE_NOT_FOUND',
      message: 'none.json: file not found',
    });
  });
});
