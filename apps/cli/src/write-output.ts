/**
 * The one way CLI commands write files. {@link preflightOutputs} checks every output flag
 * before any work (so nothing fails after a long run), and {@link writeOutput} writes
 * atomically (a temporary file in the same folder, fsync, rename), so a failure or a kill
 * never leaves a half-written or empty file where a valid one was.
 */
import { constants, unlinkSync } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, systemErrorWords } from '@losslens/core';
import { parseManifest, readModelJson } from '@losslens/models';

/** Output flags: the flags object key → the flag's name. A `--json` without a value (a boolean) prints to stdout and is not a file. */
export const OUTPUT_FLAGS = { json: '--json', report: '--report', svg: '--svg', html: '--html' } as const;

/** Input flags whose files an output must never replace (`models` is cv's `;`-separated list). */
export const INPUT_FLAGS = { train: '--train', test: '--test', data: '--data', model: '--model', compare: '--compare', models: '--models', plugin: '--plugin' } as const;

/** What can be written: the whole text or bytes, or chunks as they are produced. */
export type OutputContent = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** Temporary files being written now, removed by {@link removeTemporariesNow} when the process must quit at once. */
const inProgress = new Set<string>();

/**
 * Removes the temporary files of writes in progress, synchronously (for a signal handler that
 * is about to exit): the outputs they would have replaced stay as they were.
 * @example
 * removeTemporariesNow(); process.exit(130);
 */
export function removeTemporariesNow(): void {
  for (const temporary of inProgress) {
    try {
      unlinkSync(temporary);
    } catch {
      // already renamed or removed
    }
  }
  inProgress.clear();
}

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

const cannot = (path: string, why: string, flag: string): never => {
  throw new InputError('E_USAGE', `cannot write ${path}: ${why}`, { flag });
};

/** An existing file's identity (device and inode), the same for every name and link of it. */
async function identity(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Where `path` will really be written (an existing symlink's target), after checking it can be:
 * not empty, not a folder or a device, and its folder (or, when missing, its nearest existing
 * parent: missing folders are created by {@link writeOutput}) writable: a probe file is
 * created and removed there, which also catches read-only mounts and folders root cannot
 * write. Nothing is left behind. Throws InputError E_USAGE naming the flag.
 */
async function checkOutput(cwd: string, path: string, flag: string): Promise<string> {
  if (path.trim() === '') throw new InputError('E_USAGE', 'expected a file path, got ""', { flag });
  let target = resolve(cwd, path);
  if (/[\\/]$/.test(path)) cannot(path, 'the path names a folder; give a file name', flag);
  const link = await lstat(target).catch(() => undefined);
  if (link !== undefined) {
    const real = await stat(target).catch(() => undefined);
    if (real === undefined) cannot(path, 'it is a broken symbolic link', flag);
    if (real!.isDirectory()) cannot(path, 'it is a folder; give a file name', flag);
    if (!real!.isFile()) cannot(path, 'it exists and is not a regular file', flag);
    target = await realpath(target);
  }
  // a missing folder is created when writing; its nearest existing parent must be a writable folder
  let folder = dirname(target);
  let found = await stat(folder).catch(() => undefined);
  while (found === undefined && dirname(folder) !== folder) {
    folder = dirname(folder);
    found = await stat(folder).catch(() => undefined);
  }
  if (found?.isDirectory() !== true) cannot(path, `${folder} is not a folder`, flag);
  const probe = join(folder, `.${basename(target)}.losslens-probe-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    await (await open(probe, 'wx')).close();
  } catch (error) {
    cannot(path, `${folder} is not writable: ${systemErrorWords(error)}`, flag);
  }
  await unlink(probe).catch(() => {});
  return target;
}

/**
 * Fails fast, before long work, when `path` cannot be written (see {@link preflightOutputs},
 * which also checks outputs against inputs).
 * @example
 * await assertWritable(io.cwd, flags.json, '--json');
 */
export async function assertWritable(cwd: string, path: string, flag: string): Promise<void> {
  await checkOutput(cwd, path, flag);
}

/** The files a flags object names as inputs: existing paths only (a model spec is not a file); a model folder stands for its model.json. */
async function inputFiles(cwd: string, flags: Record<string, unknown>): Promise<{ flag: string; path: string; id: string }[]> {
  const found: { flag: string; path: string; id: string }[] = [];
  for (const [key, flag] of Object.entries(INPUT_FLAGS)) {
    const value = flags[key];
    const values = typeof value === 'string' ? (key === 'models' ? value.split(';') : [value]) : Array.isArray(value) ? value : [];
    for (const raw of values) {
      if (typeof raw !== 'string' || raw.trim() === '') continue;
      const path = resolve(cwd, raw.trim());
      const s = await stat(path).catch(() => undefined);
      const file = s?.isDirectory() === true ? join(path, 'model.json') : path;
      const id = await identity(file);
      if (id !== undefined) found.push({ flag, path: raw.trim(), id });
      if (id !== undefined && file.endsWith('.json')) {
        for (const shard of await weightFiles(file)) {
          const shardId = await identity(resolve(dirname(file), shard));
          if (shardId !== undefined) found.push({ flag, path: `${raw.trim()}'s weight file ${shard}`, id: shardId });
        }
      }
    }
  }
  return found;
}

/** The weight files a tfjs-layers model.json lists (none when the file is not a readable model.json). */
async function weightFiles(file: string): Promise<string[]> {
  try {
    const json = JSON.parse(await readModelJson(file)) as { weightsManifest?: unknown };
    return parseManifest(json.weightsManifest, file).flatMap((group) => group.paths);
  } catch {
    return [];
  }
}

/**
 * Checks every output flag of a command's flags object ({@link OUTPUT_FLAGS}) before any work:
 * each path is writable ({@link assertWritable}), none is the same file as an input named by
 * {@link INPUT_FLAGS} (compared by real identity, so links and `./` spellings are caught), and
 * no two outputs are the same file. `more` names outputs that are not flags of their own (the
 * files a `--save` folder gets). Throws InputError E_USAGE naming the output flag.
 * @example
 * await preflightOutputs(io.cwd, flags); // first line of a command's action
 */
export async function preflightOutputs(cwd: string, flags: object, more: readonly { path: string; flag: string }[] = []): Promise<void> {
  const record = flags as Record<string, unknown>;
  const inputs = await inputFiles(cwd, record);
  const written = new Map<string, string>();
  const outputs = [...Object.entries(OUTPUT_FLAGS).map(([key, flag]) => ({ path: record[key], flag })), ...more];
  for (const { path, flag } of outputs) {
    if (typeof path !== 'string') continue;
    const target = await checkOutput(cwd, path, flag);
    const id = await identity(target);
    const input = inputs.find((i) => i.id === id);
    if (input !== undefined) cannot(path, `it is the input file of ${input.flag} (${input.path}); choose another output path`, flag);
    const other = written.get(target);
    if (other !== undefined) cannot(path, `${other} writes the same file`, flag);
    written.set(target, flag);
  }
}

/** Removes temporary files left in `folder` for `target` by writers that were killed (their process is gone). */
async function removeStaleTemporaries(folder: string, target: string): Promise<void> {
  const prefix = `.${basename(target)}.losslens-`;
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(?:tmp|probe)-(\d+)-/.exec(name.slice(prefix.length)) : null;
    if (match === null) continue;
    const pid = Number(match[1]);
    let alive = pid === process.pid;
    if (!alive) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (error) {
        alive = codeOf(error) === 'EPERM';
      }
    }
    if (!alive) await unlink(join(folder, name)).catch(() => {});
  }
}

/**
 * Writes `content` to `path` atomically: into a temporary file in the same folder, fsync,
 * then rename over `path` (an existing symlink's target is replaced, the link kept). On any
 * failure the temporary file is removed and `path` is untouched; an unwritable path is an
 * InputError naming `flag`. Temporaries of killed writers are cleaned up on the next write.
 * Returns the absolute path written.
 * @example
 * await writeOutput(io.cwd, 'out.json', JSON.stringify(result), '--json');
 */
export async function writeOutput(cwd: string, path: string, content: OutputContent, flag: string): Promise<string> {
  const target = await checkOutput(cwd, path, flag);
  const folder = dirname(target);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    cannot(path, `its folder cannot be created: ${systemErrorWords(error)}`, flag);
  }
  await removeStaleTemporaries(folder, target);
  const temporary = join(folder, `.${basename(target)}.losslens-tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  let handle: import('node:fs/promises').FileHandle | undefined;
  inProgress.add(temporary);
  try {
    handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    const chunks = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
    for await (const chunk of chunks) await handle.writeFile(chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, target);
    inProgress.delete(temporary);
  } catch (error) {
    inProgress.delete(temporary);
    await handle?.close().catch(() => {});
    await unlink(temporary).catch(() => {});
    if ((error as NodeJS.ErrnoException).code === undefined) throw error; // not the file system's: the producer of the content failed
    return cannot(path, systemErrorWords(error), flag);
  }
  await syncFolder(folder);
  return resolve(cwd, path);
}

/** Flushes a folder's entry list so a rename survives a power cut (best effort: not every system allows it). */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // some file systems refuse fsync on a folder; the rename is still atomic
  }
}
