/**
 * Typed errors with a stable `code`. Apps map `kind` to exit codes: `input` → 2
 * (bad data, flags or files; the message is one line naming the file/row/column or flag),
 * `internal` → 1.
 */

/** Stable machine-readable error codes. New codes may be added; existing ones never change meaning. */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_FILE_NOT_FOUND'
  | 'E_FILE_EMPTY'
  | 'E_PARSE'
  | 'E_SCHEMA'
  | 'E_VALUE'
  | 'E_TOO_FEW_ROWS'
  | 'E_SPEC'
  | 'E_MODEL_FORMAT'
  | 'E_SHAPE'
  | 'E_PLUGIN_DUPLICATE'
  | 'E_PLUGIN_DEPENDENCY'
  | 'E_PLUGIN_VERSION'
  | 'E_PLUGIN_INVALID'
  | 'E_PLUGIN_SETUP'
  | 'E_UNKNOWN_CONTRIBUTION'
  | 'E_BACKEND_UNAVAILABLE'
  | 'E_DIVERGED'
  | 'E_INTERNAL';

/** Where an input error points: a file and, when known, its row (1-based, header = row 1) and column. */
export interface ErrorLocation {
  file?: string;
  row?: number;
  column?: string | number;
  flag?: string;
}

/**
 * The base class of every error losslens throws on purpose.
 * @example
 * throw new LosslensError('E_INTERNAL', 'lanczos did not converge', 'internal');
 */
export class LosslensError extends Error {
  override readonly name: string = 'LosslensError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly kind: 'input' | 'internal' = 'internal',
    readonly location: ErrorLocation = {},
  ) {
    super(message);
  }
}

/**
 * Bad user input: a file, a row, a column, a flag. Its message is already one line and
 * names the place, e.g. `train.csv: row 14, column "x2": "abc" is not a number`.
 * @example
 * throw new InputError('E_VALUE', 'row 3: NaN', { file: 'a.csv', row: 3, column: 'x' });
 */
export class InputError extends LosslensError {
  override readonly name = 'InputError';
  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}) {
    super(code, formatLocated(message, location), 'input', location);
  }
}

/** A plugin set that cannot be assembled: duplicate names, missing dependencies, version mismatches. */
export class PluginError extends LosslensError {
  override readonly name = 'PluginError';
  constructor(code: ErrorCode, message: string) {
    super(code, message, 'input');
  }
}

/** True when `error` is bad input (exit code 2 in the CLI). */
export function isInputError(error: unknown): error is LosslensError {
  return error instanceof LosslensError && error.kind === 'input';
}

function formatLocated(message: string, location: ErrorLocation): string {
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.file);
  const where: string[] = [];
  if (location.row !== undefined) where.push(`row ${location.row}`);
  if (location.column !== undefined) {
    where.push(typeof location.column === 'number' ? `column ${location.column}` : `column "${location.column}"`);
  }
  if (location.flag !== undefined) where.push(location.flag);
  const prefix = [parts.join(''), where.join(', ')].filter((p) => p.length > 0).join(': ');
  const oneLine = message.replace(/\s*\n\s*/g, ' ');
  return prefix.length > 0 ? `${prefix}: ${oneLine}` : oneLine;
}

const SYSTEM_ERROR_WORDS: Record<string, string> = {
  EEXIST: 'a file with that name is in the way',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links in the path',
  EBUSY: 'the file is busy',
  EXDEV: 'it is on another device',
  EIO: 'an input/output error from the device',
};

/**
 * A file-system error in words, with its code kept for searching: `no such file or folder (ENOENT)`.
 * An error without a system code gives its message.
 * @example
 * try { await mkdir(dir) } catch (error) { throw new InputError('E_USAGE', `cannot create ${dir}: ${systemErrorWords(error)}`) }
 */
export function systemErrorWords(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return error instanceof Error ? error.message : String(error);
  const words = SYSTEM_ERROR_WORDS[code];
  return words === undefined ? `${(error as Error).message ?? code}`.split('\n')[0]! : `${words} (${code})`;
}
