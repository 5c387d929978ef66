import { InputError } from '@losslens/core';

/** The largest text file losslens reads: 512 MiB (about the longest string V8 can hold). */
export const MAX_TEXT_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Reads a UTF-8 text file in Node, turning a missing file, a directory or an unreadable file
 * into an `InputError` (`E_FILE_NOT_FOUND`) that names the path as the user wrote it. Only a
 * regular file of at most {@link MAX_TEXT_FILE_BYTES} is read (checked before reading), so
 * `/dev/zero`, a named pipe or a huge file fail at once (`E_VALUE`) instead of never finishing.
 * `node:fs` is imported at call time, so browser bundles that never load files stay clean.
 * @example
 * const text = await readTextFile('data/train.csv');
 */
export async function readTextFile(path: string, label: string = path): Promise<string> {
  const { open } = await import('node:fs/promises');
  const { constants } = await import('node:fs');
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError('E_FILE_NOT_FOUND', 'file not found', { file: label });
    if (code === 'EISDIR') throw new InputError('E_FILE_NOT_FOUND', 'is a directory, not a file', { file: label });
    if (code === 'EACCES' || code === 'EPERM') throw new InputError('E_FILE_NOT_FOUND', 'permission denied', { file: label });
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new InputError('E_FILE_NOT_FOUND', 'is a directory, not a file', { file: label });
    if (!stats.isFile()) throw new InputError('E_VALUE', 'is not a regular file (a device, pipe or socket); give a file', { file: label });
    if (stats.size > MAX_TEXT_FILE_BYTES) {
      throw new InputError('E_VALUE', `is ${stats.size} bytes, more than the ${MAX_TEXT_FILE_BYTES} bytes losslens reads`, { file: label });
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
