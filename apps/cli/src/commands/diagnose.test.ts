import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { memoryIO } from '../test-io.js';

let dir: string;

/** y = sin(2 x1) + x2 / 2 with a little deterministic jitter: learnable by an MLP, not by a line. */
function csv(rows: number, offset = 0): string {
  const lines = ['x1,x2,y'];
  for (let i = 0; i < rows; i++) {
    const x1 = ((i * 37) % 101) / 25 - 2 + offset;
    const x2 = ((i * 53) % 97) / 24 - 2;
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${(Math.sin(2 * x1) + x2 / 2 + 0.05 * Math.sin(i)).toFixed(4)}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-diagnose-'));
  await writeFile(join(dir, 'train.csv'), csv(120));
  await writeFile(join(dir, 'test.csv'), csv(60, 0.5));
  await writeFile(join(dir, 'other.csv'), 'x1,z,y\n1,2,3\n4,5,6\n');
});

describe('losslens diagnose', () => {
  it('answers the JSON contract, prints Markdown and writes the HTML report', async () => {
    const io = memoryIO(dir);
    const code = await runCli(
      ['diagnose', '--train', 'train.csv', '--test', 'test.csv', '--target', 'y', '--model', 'linear', '--epochs', '5', '--budget', 'quick', '--json', 'out/d.json', '--report', 'out/r.html'],
      io,
    );
    expect(io.err).not.toMatch(/internal error/);
    expect(code).toBe(0);
    expect(io.out).toMatch(/^# Verdict: /);
    const d = JSON.parse(await readFile(join(dir, 'out/d.json'), 'utf8'));
    expect(['model-bias', 'optimization', 'overfitting', 'mismatch', 'healthy']).toContain(d.verdict);
    for (const key of ['baseline', 'train', 'validation', 'test']) expect(typeof d.losses[key]).toBe('number');
    expect(d.evidence.length).toBeGreaterThan(0);
    for (const e of d.evidence) {
      expect(typeof e.check).toBe('string');
      expect(typeof e.finding).toBe('string');
      expect(typeof e.values).toBe('object');
    }
    expect(d.remedies.every((r: unknown) => typeof r === 'string')).toBe(true);
    const html = await readFile(join(dir, 'out/r.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(io.err).toMatch(/training runs: \d+\/\d+/);
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing file', ['--train', 'nope.csv', '--target', 'y'], /nope\.csv/],
    ['a missing target column', ['--train', 'train.csv', '--target', 'q'], /"q"/],
    ['both --train and --dataset', ['--train', 'train.csv', '--target', 'y', '--dataset', 'iris'], /exactly one of --train FILE or --dataset NAME/],
    ['--train without --target', ['--train', 'train.csv'], /--target: is required with --train/],
    ['a bad batch size', ['--train', 'train.csv', '--target', 'y', '--batch-size', '0'], /--batch-size/],
    ['a bad budget', ['--train', 'train.csv', '--target', 'y', '--budget', 'huge'], /--budget: expected one of quick, standard, thorough/],
    ['an unknown model spec', ['--train', 'train.csv', '--target', 'y', '--model', 'mlp:x:relu'], /mlp:x:relu/],
    ['a test file with other columns', ['--train', 'train.csv', '--test', 'other.csv', '--target', 'y'], /other\.csv/],
    ['an unknown dataset', ['--dataset', 'nope'], /nope/],
  ];
  it.each(bad)('%s exits 2 with one line', async (_label, args, message) => {
    const io = memoryIO(dir);
    expect(await runCli(['diagnose', ...args, '--epochs', '1'], io)).toBe(2);
    expect(io.err.trim().split('\n').filter((l) => !l.startsWith('▶') && !/^ {2}/.test(l))).toHaveLength(1);
    expect(io.err).toMatch(message);
  });

  it('an unwritable --json path exits 2 and leaves no partial file', async () => {
    await writeFile(join(dir, 'blocker'), 'a file, not a folder');
    const io = memoryIO(dir);
    const code = await runCli(['diagnose', '--train', 'train.csv', '--target', 'y', '--epochs', '1', '--budget', 'quick', '--json', 'blocker/d.json'], io);
    expect(code).toBe(2);
    expect(io.err).toMatch(/--json: cannot write blocker\/d\.json/);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('losslens diagnose --plugin', () => {
  it('runs a plugin module\'s analyses and reports them', async () => {
    await writeFile(
      join(dir, 'rows-plugin.mjs'),
      `export default () => ({ name: 'rows', version: '1.0.0', provides: { analyses: { 'rows/count': {
        title: 'Row count', run: (ctx) => ({ check: 'rows/count', finding: 'counted', values: { rows: ctx.train.n } }) } } } });\n`,
    );
    const io = memoryIO(dir);
    const code = await runCli(['diagnose', '--train', 'train.csv', '--target', 'y', '--epochs', '1', '--budget', 'quick', '--plugin', './rows-plugin.mjs'], io);
    expect(code).toBe(0);
    expect(io.out).toMatch(/\*\*rows\/count\*\*: counted/);
  });
  it('a module that is not a plugin exits 2', async () => {
    await writeFile(join(dir, 'not-plugin.mjs'), 'export default 42;\n');
    const io = memoryIO(dir);
    expect(await runCli(['diagnose', '--train', 'train.csv', '--target', 'y', '--plugin', './not-plugin.mjs'], io)).toBe(2);
    expect(io.err).toMatch(/--plugin: plugin ".\/not-plugin.mjs": its default export is neither a plugin nor a function returning one/);
  });
});
