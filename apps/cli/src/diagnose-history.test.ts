import { copyFile, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIn } from './test-io.js';

const fixtures = fileURLToPath(new URL('../../../packages/watch/test/fixtures/', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-history-'));
  await copyFile(join(fixtures, 'keras/overfitting.csv'), join(dir, 'training.log'));
  await copyFile(join(fixtures, 'keras/bad-cell.csv'), join(dir, 'bad.csv'));
  await copyFile(join(fixtures, 'planted/non-finite-teacher.json'), join(dir, 'history.json'));
  await writeFile(join(dir, 'table.tsv'), 'epoch\tloss\n1\t0.693\n2\t0.693\n3\t0.6929\n');
});

describe('losslens diagnose --history', () => {
  it('a Keras CSVLogger file: Markdown with the overfitting onset, JSON and an HTML report', async () => {
    const { code, out, err } = await runIn(dir, ['diagnose', '--history', 'training.log', '--json', 'out/c.json', '--report', 'out/c.html']);
    expect(err).not.toMatch(/internal error/);
    expect(code).toBe(0);
    expect(out).toMatch(/^# What the curves show: overfitting from epoch 4; a train\/validation gap/);
    expect(out).toMatch(/model bias vs optimization: .*comparison runs/);
    const json = JSON.parse(await readFile(join(dir, 'out/c.json'), 'utf8'));
    expect(json.findings.find((f: { check: string }) => f.check === 'overfitting-onset')).toMatchObject({ fired: true, epoch: 4 });
    expect(json.series.val_loss).toHaveLength(10);
    expect(await readFile(join(dir, 'out/c.html'), 'utf8')).toMatch(/<svg[\s\S]*overfitting from epoch 4/);
  });

  it('a tfjs History JSON of a planted diverging run, and a plain epoch/loss table', async () => {
    const diverged = await runIn(dir, ['diagnose', '--history', 'history.json']);
    expect(diverged.code).toBe(0);
    expect(diverged.out).toMatch(/^# What the curves show: diverged/);
    const flat = await runIn(dir, ['diagnose', '--history', 'table.tsv']);
    expect(flat.out).toMatch(/^# What the curves show: plateau/);
  });

  it('bad input: one line naming the file, row and column (or the flag), exit 2, nothing written', async () => {
    const bad = await runIn(dir, ['diagnose', '--history', 'bad.csv', '--json', 'none.json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('losslens: bad.csv: row 4, column "val_loss": "abc" is not a number\n');
    const missing = await runIn(dir, ['diagnose', '--history', 'nope.csv']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('losslens: nope.csv: file not found\n');
    const mixed = await runIn(dir, ['diagnose', '--history', 'training.log', '--train', 'x.csv', '--target', 'y']);
    expect(mixed.code).toBe(2);
    expect(mixed.err.trim().split('\n')).toHaveLength(1);
    expect(mixed.err).toMatch(/--target: a log-only diagnosis \(--history\) reads no data|--train: a log-only diagnosis/);
    const over = await runIn(dir, ['diagnose', '--history', 'training.log', '--json', 'training.log']);
    expect(over.code).toBe(2);
    expect(over.err).toMatch(/--json.*input file of --history/);
    expect((await readdir(dir)).filter((f) => f.startsWith('none'))).toEqual([]);
    expect(await readFile(join(dir, 'training.log'), 'utf8')).toMatch(/^epoch,accuracy,loss/);
  });
});
