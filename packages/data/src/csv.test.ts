import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@losslens/core';
import { describe, expect, it } from 'vitest';
import { loadCsv, parseCsv } from './csv.js';

/** Runs `work`, expecting an InputError; returns it. */
function inputError(work: () => unknown): InputError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parseCsv', () => {
  it('reads numeric features in file order and a regression target (hand-checked values)', () => {
    const ds = parseCsv('x1,y,x2\n1,0.5,-2\n3,1.5,4e-1\n 5 , 2.5 ,+.25\n', { target: 'y', file: 'train.csv' });
    expect(ds.task).toBe('regression');
    expect(ds.n).toBe(3);
    expect(ds.featureShape).toEqual([2]);
    expect(ds.featureNames).toEqual(['x1', 'x2']);
    expect(Array.from(ds.features)).toEqual([1, -2, 3, Math.fround(0.4), 5, 0.25]);
    expect(Array.from(ds.targets)).toEqual([0.5, 1.5, 2.5]);
    expect(ds.outputs).toBe(1);
    expect(ds.targetName).toBe('y');
    expect(ds.origin).toBe('train.csv');
    expect(ds.classNames).toBeUndefined();
  });

  it('maps string classes to indices in sorted order and records classNames', () => {
    const ds = parseCsv('a,label\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n', { target: 'label' });
    expect(ds.task).toBe('classification');
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Array.from(ds.targets)).toEqual([2, 0, 1, 0]);
    expect(ds.outputs).toBe(3);
  });

  it('sorts integer class labels numerically (10 after 2) and infers classification', () => {
    const ds = parseCsv('a,y\n1,10\n2,2\n3,10\n4,2\n5,1\n6,1\n', { target: 'y' });
    expect(ds.task).toBe('classification');
    expect(ds.classNames).toEqual(['1', '2', '10']);
    expect(Array.from(ds.targets)).toEqual([2, 1, 2, 1, 0, 0]);
  });

  it('lets the caller force the task', () => {
    const ds = parseCsv('a,y\n1,0\n2,1\n3,0\n4,1\n', { target: 'y', task: 'regression' });
    expect(ds.task).toBe('regression');
    expect(Array.from(ds.targets)).toEqual([0, 1, 0, 1]);
  });

  it('handles CRLF, a BOM, blank lines, quoted fields, and semicolon or tab separated files', () => {
    const crlf = parseCsv('\uFEFFx,y\r\n1,2\r\n\r\n3,4\r\n', { target: 'y' });
    expect(Array.from(crlf.features)).toEqual([1, 3]);
    const quoted = parseCsv('"x","y"\n"1","2"\n"3","5"\n', { target: 'y' });
    expect(Array.from(quoted.targets)).toEqual([2, 5]);
    expect(Array.from(parseCsv('x;y\n1;2\n3;4\n', { target: 'y' }).features)).toEqual([1, 3]);
    expect(Array.from(parseCsv('x\ty\n1\t2\n3\t4\n', { target: 'y' }).features)).toEqual([1, 3]);
  });

  describe('bad input: one line naming file, row and column', () => {
    it('empty file', () => {
      const error = inputError(() => parseCsv('', { target: 'y', file: 'train.csv' }));
      expect(error.code).toBe('E_FILE_EMPTY');
      expect(error.message).toBe('train.csv: the file is empty');
      expect(inputError(() => parseCsv(' \n\n', { target: 'y', file: 'train.csv' })).code).toBe('E_FILE_EMPTY');
    });

    it('header only', () => {
      const error = inputError(() => parseCsv('x1,x2,y\n', { target: 'y', file: 'train.csv' }));
      expect(error.code).toBe('E_TOO_FEW_ROWS');
      expect(error.message).toBe('train.csv: the header is there but no data rows follow');
    });

    it('ragged row (the row number counts the header as row 1 and blank lines too)', () => {
      const error = inputError(() => parseCsv('x1,x2,y\n1,2,3\n\n4,5\n', { target: 'y', file: 'train.csv' }));
      expect(error.code).toBe('E_PARSE');
      expect(error.message).toBe('train.csv: row 4: has 2 fields, the header has 3');
      const long = inputError(() => parseCsv('x,y\n1,2,3\n', { target: 'y', file: 'train.csv' }));
      expect(long.message).toBe('train.csv: row 2: has 3 fields, the header has 2');
    });

    it('non-numeric cell, with file lines counted across a quoted multi-line field', () => {
      const text = 'x1,x2,y\n1,2,0\n2,3,1\n3,4,0\n4,5,1\n5,6,0\n6,abc,1\n';
      const error = inputError(() => parseCsv(text, { target: 'y', file: 'train.csv' }));
      expect(error.code).toBe('E_VALUE');
      expect(error.message).toBe('train.csv: row 7, column "x2": "abc" is not a number');
      expect(error.location).toEqual({ file: 'train.csv', row: 7, column: 'x2' });
      const multiline = 'note,x,y\n"two\nlines",1,2\n3,oops,4\n';
      const later = inputError(() => parseCsv(multiline, { target: 'y', features: ['x'], file: 'm.csv' }));
      expect(later.message).toBe('m.csv: row 4, column "x": "oops" is not a number');
    });

    it('NaN and Inf cells', () => {
      const nan = inputError(() => parseCsv('x,y\n1,2\nNaN,3\n', { target: 'y', file: 'train.csv' }));
      expect(nan.message).toBe('train.csv: row 3, column "x": "NaN" is not a finite number');
      const inf = inputError(() => parseCsv('x,y\n1,2\n2,-Inf\n', { target: 'y', file: 'train.csv' }));
      expect(inf.message).toBe('train.csv: row 3, column "y": "-Inf" is not a finite number');
      const overflow = inputError(() => parseCsv('x,y\n1,2\n1e39,3\n', { target: 'y', file: 'train.csv' }));
      expect(overflow.message).toBe('train.csv: row 3, column "x": 1e39 is too large for float32');
    });

    it('empty cell (missing value)', () => {
      const error = inputError(() => parseCsv('x,y\n1,2\n,3\n', { target: 'y', file: 'train.csv' }));
      expect(error.message).toBe('train.csv: row 3, column "x": empty cell (missing value); fill it in or remove the row');
    });

    it('missing target column', () => {
      const error = inputError(() => parseCsv('x1,x2,label\n1,2,3\n', { target: 'y', file: 'train.csv' }));
      expect(error.code).toBe('E_SCHEMA');
      expect(error.message).toBe('train.csv: column "y": target column "y" not found; the columns are: x1, x2, label');
    });

    it('constant regression target', () => {
      const error = inputError(() => parseCsv('x,y\n1,3.5\n2,3.5\n3,3.5\n', { target: 'y', file: 'train.csv' }));
      expect(error.code).toBe('E_VALUE');
      expect(error.message).toBe('train.csv: column "y": the target is 3.5 in every row; there is nothing to learn');
    });

    it('one class only', () => {
      const error = inputError(() => parseCsv('x,y\n1,a\n2,a\n3,a\n', { target: 'y', file: 'train.csv' }));
      expect(error.message).toBe('train.csv: column "y": only one class ("a") in 3 rows; classification needs at least two');
    });

    it('fewer rows than needed', () => {
      const error = inputError(() => parseCsv('x,y\n1,2\n2,3\n3,4\n', { target: 'y', file: 'train.csv', minRows: 10 }));
      expect(error.code).toBe('E_TOO_FEW_ROWS');
      expect(error.message).toBe('train.csv: 3 data rows; at least 10 are needed');
      expect(inputError(() => parseCsv('x,y\n1,2\n', { target: 'y', file: 'train.csv' })).message).toBe(
        'train.csv: 1 data row; at least 2 are needed',
      );
    });

    it('non-numeric regression target, forced by task', () => {
      const error = inputError(() => parseCsv('x,y\n1,2\n2,b\n', { target: 'y', task: 'regression', file: 't.csv' }));
      expect(error.message).toBe('t.csv: row 3, column "y": "b" is not a number');
    });

    it('unclosed quote, duplicate column names, no feature column', () => {
      expect(inputError(() => parseCsv('x,y\n1,2\n"3,4\n', { target: 'y', file: 't.csv' })).message).toBe(
        't.csv: row 3: a quoted field is never closed',
      );
      expect(inputError(() => parseCsv('x,x,y\n1,2,3\n', { target: 'y', file: 't.csv' })).message).toBe(
        't.csv: row 1: column name "x" appears twice (columns 1 and 2)',
      );
      expect(inputError(() => parseCsv('y\n1\n2\n', { target: 'y', file: 't.csv' })).message).toBe(
        't.csv: there is no feature column besides the target "y"',
      );
    });
  });
});

describe('loadCsv', () => {
  it('reads a file and names it in origin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'losslens-csv-'));
    const path = join(dir, 'ok.csv');
    await writeFile(path, 'x,y\n1,2\n3,4\n');
    const ds = await loadCsv(path, { target: 'y' });
    expect(ds.origin).toBe(path);
    expect(Array.from(ds.targets)).toEqual([2, 4]);
  });

  it('missing file, directory and empty file are input errors naming the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'losslens-csv-'));
    await expect(loadCsv(join(dir, 'nope.csv'), { target: 'y', file: 'nope.csv' })).rejects.toThrow(
      /^nope\.csv: file not found$/,
    );
    await mkdir(join(dir, 'folder.csv'));
    await expect(loadCsv(join(dir, 'folder.csv'), { target: 'y', file: 'folder.csv' })).rejects.toThrow(
      'folder.csv: is a directory, not a file',
    );
    await writeFile(join(dir, 'empty.csv'), '');
    await expect(loadCsv(join(dir, 'empty.csv'), { target: 'y', file: 'empty.csv' })).rejects.toMatchObject({
      code: 'E_FILE_EMPTY',
      message: 'empty.csv: the file is empty',
    });
  });
});

describe('parseCsv with { like: train } (a test file read as more rows of a training file)', () => {
  const train = parseCsv('x1,x2,y\n1,2,b\n3,4,c\n5,6,a\n', { target: 'y', file: 'train.csv' });

  it('uses the training classes, task and column order, even with fewer classes or columns reordered', () => {
    const test = parseCsv('x2,y,x1\n20,c,10\n40,c,30\n', { target: 'y', file: 'test.csv', like: train });
    expect(test.classNames).toEqual(['a', 'b', 'c']);
    expect(test.outputs).toBe(3);
    expect(Array.from(test.targets)).toEqual([2, 2]);
    expect(test.featureNames).toEqual(['x1', 'x2']);
    expect(Array.from(test.features)).toEqual([10, 20, 30, 40]);
    const regression = parseCsv('x,y\n1,2\n2,3\n', { target: 'y' });
    expect(parseCsv('x,y\n5,7\n', { target: 'y', like: regression }).n).toBe(1);
  });

  it('an unknown class, a missing or an extra column is an input error', () => {
    expect(() => parseCsv('x1,x2,y\n1,2,a\n1,2,d\n', { target: 'y', file: 'test.csv', like: train })).toThrow(
      'test.csv: row 3, column "y": class "d" is not one of the classes of train.csv (a, b, c)',
    );
    expect(() => parseCsv('x1,y\n1,a\n', { target: 'y', file: 'test.csv', like: train })).toThrow(
      'test.csv: column "x2": feature column "x2" not found; the columns are: x1, y',
    );
    expect(() => parseCsv('x1,x2,x3,y\n1,2,3,a\n', { target: 'y', file: 'test.csv', like: train })).toThrow(
      'test.csv: column "x3": column "x3" is not a feature of train.csv (x1, x2)',
    );
  });
});
