import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@losslens/core';
import { runIn } from '../test-io.js';

let root: string;
const csv = (n: number, seed: number, shift: number) => {
  const rng = createRng(seed);
  const rows = Array.from({ length: n }, () => {
    const a = rng.normal();
    const b = rng.normal() + shift;
    return `${a.toFixed(4)},${b.toFixed(4)},${(a + b).toFixed(4)}`;
  });
  return ['a,b,y', ...rows].join('\n') + '\n';
};
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'losslens-shift-'));
  await writeFile(join(root, 'train.csv'), csv(100, 1, 0));
  await writeFile(join(root, 'same.csv'), csv(100, 2, 0));
  await writeFile(join(root, 'shifted.csv'), csv(100, 3, 1));
  await writeFile(join(root, 'other.csv'), 'a,c,y\n1,2,3\n4,5,6\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const run = (args: string[]) => runIn(root, args);
const fast = ['--permutations', '49'];

describe('losslens shift', () => {
  it('finds a 1-sigma shift in column b, names it, and writes JSON', async () => {
    const { code, out, err } = await run(['shift', '--train', 'train.csv', '--test', 'shifted.csv', '--target', 'y', ...fast, '--json', 's.json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^shift tests: train\.csv \(100 rows\) vs shifted\.csv \(100 rows\), alpha 0\.05/);
    expect(out).toMatch(/\nks +\S+ +\S+ +0\.0125 +yes +b\n/);
    expect(out).toMatch(/\nverdict: the test inputs differ from the training inputs \(driven by b/);
    const report = JSON.parse(await readFile(join(root, 's.json'), 'utf8')) as { shifted: boolean; tests: { test: string }[]; drivers: string[] };
    expect(report.shifted).toBe(true);
    expect(report.tests.map((t) => t.test)).toEqual(['ks', 'wasserstein', 'mmd', 'domain-classifier']);
    expect(report.drivers[0]).toBe('b');
  });

  it('finds no shift between two samples of one distribution', async () => {
    const { code, out } = await run(['shift', '--train', 'train.csv', '--test', 'same.csv', '--target', 'y', ...fast, '--tests', 'ks,mmd']);
    expect(code).toBe(0);
    expect(out).toMatch(/\nverdict: no evidence that the test inputs differ/);
    expect(out).not.toMatch(/\nwasserstein /);
  });

  it.each([
    [['--test', 'other.csv'], /^losslens: other\.csv: feature column 2 is "c" but train\.csv has "b"$/],
    [['--test', 'same.csv', '--tests', 'ks,chi2'], /^losslens: --tests: expected some of ks, wasserstein, mmd, domain-classifier separated by commas, got "ks,chi2"$/],
    [['--test', 'same.csv', '--alpha', '1.5'], /^losslens: --alpha: expected a number in \(0, 1\), got 1\.5$/],
    [['--test', 'missing.csv'], /missing\.csv/],
  ])('bad input %j exits 2 with one line', async (extra, message) => {
    const { code, err } = await run(['shift', '--train', 'train.csv', '--target', 'y', ...extra]);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err.trim()).toMatch(message);
  });
});
