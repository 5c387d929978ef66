import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeOutput } from './write-output.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-write-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const leftovers = async () => (await readdir(dir)).filter((f) => f.includes('.losslens-'));

it('kill -9 in the middle of a write leaves the old file intact', async () => {
  const target = join(dir, 'result.json');
  await writeFile(target, '{"old": true}\n');
  const child = join(dir, 'child.mts');
  await writeFile(
    child,
    `import { writeOutput } from ${JSON.stringify(pathToFileURL(fileURLToPath(new URL('./write-output.ts', import.meta.url))).href)};
async function* chunks() {
  yield '{"new": ' + '1'.repeat(100000);
  process.stdout.write('mid-write\\n');
  await new Promise((resolve) => setTimeout(resolve, 60000));
  yield '}';
}
await writeOutput(process.cwd(), ${JSON.stringify(target)}, chunks(), '--json');
`,
  );
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => d.toString().includes('mid-write') && resolve());
    proc.on('exit', () => reject(new Error(`the child exited before writing: ${stderr}`)));
  });
  const [temporary] = await leftovers();
  expect(temporary).toBeDefined();
  expect((await readFile(join(dir, temporary!), 'utf8')).length).toBeGreaterThan(100000); // the first chunk is on disk
  const exited = new Promise((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
  proc.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(await readFile(target, 'utf8')).toBe('{"old": true}\n');
  // the next write replaces the file and removes the dead writer's temporary file
  await writeOutput(dir, 'result.json', '{"next": true}\n', '--json');
  expect(await readFile(target, 'utf8')).toBe('{"next": true}\n');
  expect(await leftovers()).toEqual([]);
}, 30_000);

it('a producer that fails mid-write leaves the old file and no temporary file', async () => {
  await writeFile(join(dir, 'keep.json'), 'old');
  async function* failing() {
    yield 'partial';
    throw new Error('the producer broke');
  }
  await expect(writeOutput(dir, 'keep.json', failing(), '--json')).rejects.toThrow('the producer broke');
  expect(await readFile(join(dir, 'keep.json'), 'utf8')).toBe('old');
  expect(await leftovers()).toEqual([]);
});

it('writing through a symlink replaces the linked file and keeps the link', async () => {
  await writeFile(join(dir, 'real.json'), 'old');
  await symlink(join(dir, 'real.json'), join(dir, 'alias.json'));
  expect(await writeOutput(dir, 'alias.json', 'new', '--json')).toBe(join(dir, 'alias.json'));
  expect(await readlink(join(dir, 'alias.json'))).toBe(join(dir, 'real.json'));
  expect(await readFile(join(dir, 'real.json'), 'utf8')).toBe('new');
});

it('strings, bytes and chunk lists are written whole; missing folders are created', async () => {
  await writeOutput(dir, 'a/b/one.txt', 'text', '--json');
  await writeOutput(dir, 'a/b/two.bin', new Uint8Array([1, 2, 3]), '--json');
  await writeOutput(dir, 'a/b/three.txt', ['x', new TextEncoder().encode('y'), 'z'], '--json');
  expect(await readFile(join(dir, 'a/b/one.txt'), 'utf8')).toBe('text');
  expect([...(await readFile(join(dir, 'a/b/two.bin')))]).toEqual([1, 2, 3]);
  expect(await readFile(join(dir, 'a/b/three.txt'), 'utf8')).toBe('xyz');
});
