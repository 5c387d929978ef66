import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { memoryIO } from '../test-io.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-lr-find-'));
  const rows = ['a,b,y'];
  for (let i = 0; i < 48; i++) {
    const a = Math.sin(i);
    const b = Math.cos(3 * i);
    rows.push(`${a},${b},${2 * a - b + 0.5}`);
  }
  await writeFile(join(dir, 'data.csv'), `${rows.join('\n')}\n`);
});

describe('losslens lr-find', () => {
  it('prints the ramp and a suggested rate inside the ramp, and writes every ramp as JSON', async () => {
    const io = memoryIO(dir);
    const code = await runCli(['lr-find', '--train', 'data.csv', '--target', 'y', '--model', 'linear', '--optimizer', 'sgd', '--batch-size', 'full', '--min-lr', '1e-4', '--max-lr', '10', '--steps', '60', '--repeats', '2', '--backend', 'cpu', '--json', 'lr.json'], io);
    expect(io.err).not.toMatch(/error/);
    expect(code).toBe(0);
    expect(io.out).toMatch(/^lr\s+loss\s+smoothed$/m);
    expect(io.out).toMatch(/suggested learning rate: [0-9.e+-]+ \(×\/÷ [0-9.]+; ramps/);
    const report = JSON.parse(await readFile(join(dir, 'lr.json'), 'utf8')) as {
      suggested: number; spread: number; range: [number, number]; rows: number; ramps: { seed: number; rates: number[]; losses: number[]; steepest: number; divergedAt?: number }[];
    };
    expect(report.rows).toBe(48);
    expect(report.ramps.map((r) => r.seed)).toEqual([0, 1]);
    expect(report.suggested).toBeGreaterThan(1e-4);
    expect(report.suggested).toBeLessThan(10);
    // the suggestion is the geometric mean of the two ramps' steepest-descent rates
    expect(report.suggested).toBeCloseTo(Math.sqrt(report.ramps[0]!.steepest * report.ramps[1]!.steepest), 10);
    // full-batch GD on a convex quadratic diverges before a rate of 10
    for (const r of report.ramps) expect(r.divergedAt).toBeLessThan(10);
    expect(io.err).toMatch(/lr-find: 2\/2/);
  });

  it('bad flags exit 2 with one line naming them', async () => {
    const cases: [string[], RegExp][] = [
      [['lr-find', '--train', 'data.csv'], /--target/],
      [['lr-find', '--train', 'nope.csv', '--target', 'y'], /nope\.csv/],
      [['lr-find', '--train', 'data.csv', '--target', 'y', '--min-lr', '1', '--max-lr', '0.1'], /--max-lr: expected a rate above --min-lr 1/],
      [['lr-find', '--train', 'data.csv', '--target', 'y', '--steps', '2'], /--steps/],
      [['lr-find', '--train', 'data.csv', '--target', 'y', '--optimizer', 'adamax'], /--optimizer/],
    ];
    for (const [args, message] of cases) {
      const io = memoryIO(dir);
      expect(await runCli(args, io), args.join(' ')).toBe(2);
      expect(io.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(io.err).toMatch(message);
    }
  });
});
