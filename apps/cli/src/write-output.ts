import { access, constants, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '@losslens/core';

/**
 * Writes a file atomically (temporary file, then rename), so a failure never leaves a
 * half-written output; an unwritable path is an input error naming the flag.
 * @example
 * await writeOutput(io.cwd, 'out.json', JSON.stringify(result), '--json');
 */
export async function writeOutput(cwd: string, path: string, content: string, flag: string): Promise<string> {
  const target = resolve(cwd, path);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    throw new InputError('E_USAGE', `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { flag });
  }
  return target;
}

/**
 * Fails fast, before long work, when `path` cannot be written (its folder cannot be made or is a file).
 * @example
 * await assertWritable(io.cwd, flags.json, '--json');
 */
export async function assertWritable(cwd: string, path: string, flag: string): Promise<void> {
  const folder = dirname(resolve(cwd, path));
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK);
  } catch (error) {
    throw new InputError('E_USAGE', `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { flag });
  }
}
