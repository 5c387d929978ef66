import { expect, it } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, LosslensError, isInputError, systemErrorWords } from './errors.js';
import { createEventChannel } from './events.js';

it('InputError names file, row and column on one line', () => {
  const e = new InputError('E_VALUE', '"abc" is not a number', { file: 'train.csv', row: 14, column: 'x2' });
  expect(e.message).toBe('train.csv: row 14, column "x2": "abc" is not a number');
  expect(e.code).toBe('E_VALUE');
  expect(isInputError(e)).toBe(true);
  expect(new InputError('E_USAGE', 'expected an integer,\n got "x"', { flag: '--epochs' }).message).toBe(
    '--epochs: expected an integer, got "x"',
  );
  expect(isInputError(new LosslensError('E_INTERNAL', 'boom'))).toBe(false);
  expect(isInputError(new Error('plain'))).toBe(false);
});

it('the event channel delivers to subscribers until they unsubscribe', () => {
  const events = createEventChannel();
  const seen: string[] = [];
  const off = events.on((e) => seen.push(e.type));
  events.emit({ type: 'progress', task: 't', done: 1, total: 2 });
  off();
  events.emit({ type: 'note', level: 'info', message: 'x' });
  expect(seen).toEqual(['progress']);
});

it('systemErrorWords says real file-system errors in words and keeps the code', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'losslens-errors-'));
  await writeFile(join(dir, 'file'), 'x');
  const caught = async (work: Promise<unknown>) => work.then(() => undefined, (error: unknown) => error);
  expect(systemErrorWords(await caught(mkdir(join(dir, 'file'))))).toBe('a file with that name is in the way (EEXIST)');
  expect(systemErrorWords(await caught(mkdir(join(dir, 'file', 'sub'))))).toBe('a part of the path is a file, not a folder (ENOTDIR)');
  expect(systemErrorWords(await caught(writeFile(join(dir, 'missing', 'x'), 'y')))).toBe('no such file or folder (ENOENT)');
  expect(systemErrorWords(Object.assign(new Error('odd failure\nmore'), { code: 'EWHATEVER' }))).toBe('odd failure');
  expect(systemErrorWords(new Error('plain'))).toBe('plain');
});
