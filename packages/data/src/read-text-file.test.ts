import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InputError } from '@losslens/core';
import { MAX_TEXT_FILE_BYTES, readTextFile } from './read-text-file.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(path: string, label: string): Promise<InputError> {
  const error = await readTextFile(path, label).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

it('reads a regular file, also through a symlink', async () => {
  await writeFile(join(dir, 'a.csv'), 'x,y\n1,2\n');
  await symlink(join(dir, 'a.csv'), join(dir, 'link.csv'));
  expect(await readTextFile(join(dir, 'link.csv'))).toBe('x,y\n1,2\n');
});

it('a device, a named pipe, a folder or a missing file fail at once with one line naming the file', async () => {
  await symlink('/dev/zero', join(dir, 'zero.csv'));
  expect((await refusal(join(dir, 'zero.csv'), 'zero.csv')).message).toBe('zero.csv: is not a regular file (a device, pipe or socket); give a file');
  execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
  expect((await refusal(join(dir, 'pipe.csv'), 'pipe.csv')).message).toBe('pipe.csv: is not a regular file (a device, pipe or socket); give a file');
  await mkdir(join(dir, 'folder.csv'));
  expect((await refusal(join(dir, 'folder.csv'), 'folder.csv')).message).toBe('folder.csv: is a directory, not a file');
  expect((await refusal(join(dir, 'none.csv'), 'none.csv')).code).toBe('E_FILE_NOT_FOUND');
});

it('a file over MAX_TEXT_FILE_BYTES is refused before reading (a sparse file, no disk used)', async () => {
  const handle = await open(join(dir, 'huge.csv'), 'w');
  await handle.truncate(MAX_TEXT_FILE_BYTES + 1);
  await handle.close();
  const error = await refusal(join(dir, 'huge.csv'), 'huge.csv');
  expect(error.code).toBe('E_VALUE');
  expect(error.message).toBe(`huge.csv: is ${MAX_TEXT_FILE_BYTES + 1} bytes, more than the ${MAX_TEXT_FILE_BYTES} bytes losslens reads`);
});
