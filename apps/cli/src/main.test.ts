import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';
import { memoryIO } from './test-io.js';

describe('losslens CLI', () => {
  it('--help lists the commands and exits 0', async () => {
    const io = memoryIO();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out).toMatch(/backends/);
  });
  it('an unknown flag exits 2 with one line naming it', async () => {
    const io = memoryIO();
    expect(await runCli(['backends', '--nope'], io)).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(/--nope/);
  });
  it('an unknown command exits 2', async () => {
    const io = memoryIO();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.err).toMatch(/frobnicate/);
  });
  it('backends lists cpu and wasm as available, wasm the default', async () => {
    const io = memoryIO();
    expect(await runCli(['backends', '--json'], io)).toBe(0);
    const rows = JSON.parse(io.out) as { name: string; available: boolean; isDefault: boolean }[];
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['wasm']).toMatchObject({ available: true, isDefault: true });
    expect(byName['cpu']).toMatchObject({ available: true, isDefault: false });
    expect(byName['tensorflow']?.available).toBe(false);
  });
});

describe('command wiring', () => {
  it('lists every command file in main', async () => {
    const { readdir } = await import('node:fs/promises');
    const { commands } = await import('./main.js');
    const files = (await readdir(new URL('./commands/', import.meta.url))).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const registered = new Set(commands);
    for (const file of files) {
      const module = (await import(`./commands/${file}`)) as { register: unknown };
      expect(registered.has(module.register as never), file).toBe(true);
    }
    expect(commands).toHaveLength(files.length);
  });
});

describe('the program itself', () => {
  it('--version prints the package version; a bare losslens prints help and exits 0', async () => {
    const { readFile } = await import('node:fs/promises');
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const io = memoryIO();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.out).toBe(`${version}\n`);
    const bare = memoryIO();
    expect(await runCli([], bare)).toBe(0);
    expect(bare.out).toMatch(/^Usage: losslens \[options\] \[command\]/);
    expect(bare.out).toMatch(/diagnose/);
    expect(bare.err).toBe('');
  });
});
