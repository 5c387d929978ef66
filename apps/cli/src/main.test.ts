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
