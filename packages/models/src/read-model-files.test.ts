import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@losslens/core';
import { loadLayersModel } from './load-layers-model.js';
import { MAX_PARAMETERS } from './limits.js';

let root: string;
beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'losslens-model-files-')));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const weights = () => new Uint8Array(Float32Array.of(1, 2, 3).buffer);

/** A one-dense-layer model.json in `root/name` whose manifest names `paths`; no weight file is written. */
async function modelJson(name: string, paths: string[] = ['weights.bin'], kernel: number[] = [2, 1]): Promise<{ dir: string; file: string }> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const json = {
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: 1, batch_input_shape: [null, 2] } }] },
    },
    weightsManifest: [
      {
        paths,
        weights: [
          { name: 'd/kernel', shape: kernel, dtype: 'float32' },
          { name: 'd/bias', shape: [1], dtype: 'float32' },
        ],
      },
    ],
  };
  const file = join(dir, 'model.json');
  await writeFile(file, JSON.stringify(json));
  return { dir, file };
}

async function failure(attempt: Promise<unknown>): Promise<InputError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).kind).toBe('input'); // exit 2 in the CLI
  expect((error as Error).message).not.toContain('\n');
  return error as InputError;
}

it('a weights.bin symlinked to a file outside the model folder is refused, naming the real path', async () => {
  const outside = join(root, 'secret.bin');
  await writeFile(outside, weights()); // exactly the size the manifest needs
  const { dir, file } = await modelJson('link-out');
  await symlink(outside, join(dir, 'weights.bin'));
  const error = await failure(loadLayersModel(file));
  expect(error.code).toBe('E_MODEL_FORMAT');
  expect(error.message).toBe(
    `${file}: weight file "weights.bin" links to ${outside}, outside the model folder ${dir}; weight files must be inside the model's folder`,
  );
});

it('a symlinked subfolder cannot lead weight paths out of the model folder', async () => {
  const elsewhere = join(root, 'elsewhere');
  await mkdir(elsewhere, { recursive: true });
  await writeFile(join(elsewhere, 'weights.bin'), weights());
  const { dir, file } = await modelJson('subfolder-out', ['sub/weights.bin']);
  await symlink(elsewhere, join(dir, 'sub'));
  const error = await failure(loadLayersModel(file));
  expect(error.message).toContain(`weight file "sub/weights.bin" links to ${join(elsewhere, 'weights.bin')}, outside the model folder ${dir}`);
});

it('a weights.bin linked to /dev/zero fails at once instead of reading forever', async () => {
  const { dir, file } = await modelJson('dev-zero');
  await symlink('/dev/zero', join(dir, 'weights.bin'));
  const error = await failure(loadLayersModel(file));
  expect(error.message).toBe(
    `${file}: weight file "weights.bin" links to /dev/zero, outside the model folder ${dir}; weight files must be inside the model's folder`,
  );
});

it('a model.json linked to /dev/zero is refused as not a regular file', async () => {
  const dir = join(root, 'json-zero');
  await mkdir(dir, { recursive: true });
  await symlink('/dev/zero', join(dir, 'model.json'));
  const error = await failure(loadLayersModel(join(dir, 'model.json')));
  expect(error.message).toBe(`${join(dir, 'model.json')}: the file is a character device, not a regular file`);
});

it('a weight file inside the folder must be a regular file: a named pipe is refused without blocking', async () => {
  const { dir, file } = await modelJson('fifo');
  execFileSync('mkfifo', [join(dir, 'weights.bin')]);
  const error = await failure(loadLayersModel(file));
  expect(error.message).toBe(`${file}: weight file "weights.bin" is a named pipe, not a regular file`);
});

it('a folder named as a weight file is refused', async () => {
  const { dir, file } = await modelJson('folder-as-file');
  await mkdir(join(dir, 'weights.bin'));
  const error = await failure(loadLayersModel(file));
  expect(error.message).toBe(`${file}: weight file "weights.bin" is a folder, not a regular file`);
});

it('the size bound from the manifest is checked before reading: an 8 GiB sparse file fails at once', async () => {
  const { dir, file } = await modelJson('huge');
  const handle = await open(join(dir, 'weights.bin'), 'w');
  await handle.truncate(8 * 2 ** 30); // sparse: no disk used, but reading it would need 8 GiB of memory
  await handle.close();
  const error = await failure(loadLayersModel(file));
  expect(error.message).toBe(`${file}: weight file "weights.bin" has ${8 * 2 ** 30} bytes but the manifest describes 12`);
});

it('a manifest describing more values than the parameter limit fails before any file is opened', async () => {
  const { file } = await modelJson('manifest-too-big', ['not-there.bin'], [MAX_PARAMETERS, 1]);
  const error = await failure(loadLayersModel(file));
  expect(error.message).toBe(`${file}: the weights manifest describes ${MAX_PARAMETERS + 1} values, more than the limit of ${MAX_PARAMETERS} parameters`);
});

it('a symlink loop is a clear error', async () => {
  const { dir, file } = await modelJson('loop');
  await symlink('weights.bin', join(dir, 'weights.bin'));
  const error = await failure(loadLayersModel(file));
  expect(error.message).toBe(`${file}: weight file "weights.bin" cannot be opened: too many symbolic links in the path (ELOOP)`);
});

it('links that stay inside the real folder load, and so does a model folder reached through a link', async () => {
  const { dir, file } = await modelJson('inside', ['shards/weights.bin']);
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(join(dir, 'data', 'real.bin'), weights());
  await mkdir(join(dir, 'shards'));
  await symlink(join(dir, 'data', 'real.bin'), join(dir, 'shards', 'weights.bin'));
  expect(Array.from((await loadLayersModel(file)).theta)).toEqual([1, 2, 3]);
  const linkedFolder = join(root, 'linked-folder');
  await symlink(dir, linkedFolder);
  expect(Array.from((await loadLayersModel(join(linkedFolder, 'model.json'))).theta)).toEqual([1, 2, 3]);
  expect(Array.from((await loadLayersModel(linkedFolder)).theta)).toEqual([1, 2, 3]);
});
