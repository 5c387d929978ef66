import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const launcher = fileURLToPath(new URL('../bin/losslens.js', import.meta.url));
let elsewhere = '';
beforeAll(async () => {
  elsewhere = await mkdtemp(join(tmpdir(), 'losslens-launcher-'));
});
afterAll(async () => {
  await rm(elsewhere, { recursive: true, force: true });
});

/** Runs the bin as `pnpm exec losslens` does (node on bin/losslens.js), from a folder outside the repository. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [launcher, ...args], { cwd: elsewhere, env: { ...process.env, NODE_OPTIONS: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

it('the bin runs the TypeScript source from any folder, with no build step', async () => {
  const { code, stdout } = await run(['model', 'summary', 'mlp:3:tanh', '--json']);
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toMatchObject({ spec: 'mlp:3:tanh', totalParameters: 4 * 3 + 3 + 3 * 1 + 1 }); // default input shape [4]
}, 60_000);

it('an error is exactly one stderr line and exit 2: no package-manager line added', async () => {
  const { code, stdout, stderr } = await run(['train', '--seed', '-1']);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toBe('losslens: --seed: expected an integer in [0, 2^32) (0 … 4294967295), got "-1"\n');
}, 60_000);

it('the workspace links the bin at the root, for pnpm exec losslens', async () => {
  const root = JSON.parse(await readFile(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { devDependencies: Record<string, string> };
  expect(root.devDependencies['@losslens/cli']).toBe('workspace:*');
  const cli = JSON.parse(await readFile(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { bin: Record<string, string>; files: string[] };
  expect(cli.bin['losslens']).toBe('./bin/losslens.js');
  expect(cli.files).toContain('bin');
});
