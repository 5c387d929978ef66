import { InputError } from '@losslens/core';

/**
 * Reads a UTF-8 text file in Node, turning a missing file, a directory or an unreadable file
 * into an `InputError` (`E_FILE_NOT_FOUND`) that names the path as the user wrote it.
 * `node:fs` is imported at call time, so browser bundles that never load files stay clean.
 * @example
 * const text = await readTextFile('data/train.csv');
 */
export async function readTextFile(path: string, label: string = path): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('E_FILE_NOT_FOUND', 'file not found', { file: label });
    if (code === 'EISDIR') throw new InputError('E_FILE_NOT_FOUND', 'is a directory, not a file', { file: label });
    if (code === 'EACCES' || code === 'EPERM') throw new InputError('E_FILE_NOT_FOUND', 'permission denied', { file: label });
    throw error;
  }
}
