/**
 * Reads a model.json and its weight shards from disk safely: every file is opened through its
 * real path (symlinks resolved), weight files must stay inside the model's real folder, only
 * regular files are read (never a device, FIFO or socket), and sizes are checked against the
 * manifest before a byte is read, so a link to `/dev/zero` or to a file elsewhere fails fast.
 */
import { InputError, systemErrorWords } from '@losslens/core';
import { MAX_PARAMETERS } from './limits.js';
import { safeWeightPath, weightBytes, type WeightGroup } from './weights-manifest.js';

/** The most bytes a model.json (topology and manifest, no weights) may have: 64 MiB. */
export const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;

const fail = (label: string, message: string): never => {
  throw new InputError('E_MODEL_FORMAT', `${label}: ${message}`);
};

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

type Handle = import('node:fs/promises').FileHandle;
type Stats = import('node:fs').Stats;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Opens `real` read-only without following a final symlink and without blocking on a FIFO,
 * and checks it is a regular file. Throws InputError E_MODEL_FORMAT naming `what`.
 */
async function openRegular(real: string, label: string, what: string): Promise<{ handle: Handle; size: number }> {
  const { open } = await import('node:fs/promises');
  const { constants } = await import('node:fs');
  let handle: Handle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return fail(label, `${what} cannot be opened: ${systemErrorWords(error)}`);
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    return fail(label, `${what} is ${kindOf(stats)}, not a regular file`);
  }
  return { handle, size: stats.size };
}

/** Reads exactly `length` bytes of `handle` into `target` at `at`; false when the file ended early. */
async function readExactly(handle: Handle, target: Uint8Array, at: number, length: number): Promise<boolean> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(target, at + done, length - done, done);
    if (bytesRead === 0) return false;
    done += bytesRead;
  }
  return true;
}

/**
 * Reads a model.json as text through its real path; it must be a regular file of at most
 * {@link MAX_MODEL_JSON_BYTES}. Throws InputError E_FILE_NOT_FOUND when it does not exist,
 * E_MODEL_FORMAT when it is not a regular file or too large.
 * @example
 * const text = await readModelJson('my-model/model.json');
 */
export async function readModelJson(file: string): Promise<string> {
  const { realpath } = await import('node:fs/promises');
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    throw new InputError('E_FILE_NOT_FOUND', `${file}: file not found`);
  }
  const { handle, size } = await openRegular(real, file, 'the file');
  try {
    if (size > MAX_MODEL_JSON_BYTES) fail(file, `the file has ${size} bytes, more than the ${MAX_MODEL_JSON_BYTES} a model.json may have`);
    const bytes = new Uint8Array(size);
    if (!(await readExactly(handle, bytes, 0, size))) fail(file, 'the file changed while it was read');
    return new TextDecoder().decode(bytes);
  } finally {
    await handle.close();
  }
}

/**
 * The real path of weight file `relative` of a model whose real folder is `folder`: checked as
 * text ({@link safeWeightPath}), then with symlinks resolved, which must stay inside `folder`.
 * Throws InputError E_MODEL_FORMAT naming `label` and the path.
 */
async function weightFilePath(folder: string, relative: string, label: string): Promise<string> {
  const { realpath } = await import('node:fs/promises');
  const nodePath = await import('node:path');
  safeWeightPath(relative, label);
  let real: string;
  try {
    real = await realpath(nodePath.resolve(folder, relative));
  } catch (error) {
    const code = codeOf(error);
    return code === 'ENOENT' || code === 'ENOTDIR' ? fail(label, `weight file "${relative}" is missing`) : fail(label, `weight file "${relative}" cannot be opened: ${systemErrorWords(error)}`);
  }
  if (!real.startsWith(folder + nodePath.sep)) {
    fail(label, `weight file "${relative}" links to ${real}, outside the model folder ${folder}; weight files must be inside the model's folder`);
  }
  return real;
}

/**
 * Reads every group's shards, concatenated in manifest order, for the model.json at `file`.
 * Before any weight byte is read, the manifest's total must be within {@link MAX_PARAMETERS}
 * values and each group's files, all regular files inside the model's real folder, must
 * together have exactly the bytes its weights need (shapes × dtype size).
 * @example
 * const bytes = await readWeightData('my-model/model.json', parseManifest(json.weightsManifest, label));
 */
export async function readWeightData(file: string, groups: readonly WeightGroup[]): Promise<Uint8Array> {
  const { realpath } = await import('node:fs/promises');
  const nodePath = await import('node:path');
  const values = groups.flatMap((g) => g.weights).reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  if (values > MAX_PARAMETERS) {
    fail(file, `the weights manifest describes ${values} values, more than the limit of ${MAX_PARAMETERS} parameters`);
  }
  const needs = groups.map((g) => g.weights.reduce((n, w) => n + weightBytes(w, file), 0));
  const folder = await realpath(nodePath.dirname(nodePath.resolve(file)));
  const opened: { handle: Handle; size: number }[] = [];
  try {
    const groupSizes: number[] = [];
    for (const [g, group] of groups.entries()) {
      let have = 0;
      for (const relative of group.paths) {
        const real = await weightFilePath(folder, relative, file);
        const one = await openRegular(real, file, `weight file "${relative}"`);
        opened.push(one);
        have += one.size;
      }
      const need = needs[g] ?? 0;
      const names = group.paths.join('", "');
      if (have < need) fail(file, `weight file "${names}" is truncated: the manifest needs ${need} bytes, found ${have}`);
      if (have > need) fail(file, `weight file "${names}" has ${have} bytes but the manifest describes ${need}`);
      groupSizes.push(have);
    }
    const data = new Uint8Array(groupSizes.reduce((a, b) => a + b, 0));
    let at = 0;
    for (const { handle, size } of opened) {
      if (!(await readExactly(handle, data, at, size))) fail(file, 'a weight file changed while it was read');
      at += size;
    }
    return data;
  } finally {
    await Promise.all(opened.map(({ handle }) => handle.close()));
  }
}
