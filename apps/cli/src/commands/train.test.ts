import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { memoryIO } from '../test-io.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-train-'));
  const rows = ['a,b,y'];
  for (let i = 0; i < 40; i++) {
    const a = Math.sin(i);
    const b = Math.cos(3 * i);
    rows.push(`${a},${b},${2 * a - b + 0.5}`);
  }
  await writeFile(join(dir, 'data.csv'), `${rows.join('\n')}\n`);
});

describe('losslens train', () => {
  it('prints the per-epoch curve and writes the run as JSON', async () => {
    const io = memoryIO(dir);
    const code = await runCli(['train', '--train', 'data.csv', '--target', 'y', '--model', 'linear', '--optimizer', 'sgd', '--lr', '0.1', '--epochs', '4', '--batch-size', 'full', '--backend', 'cpu', '--json', 'out.json'], io);
    expect(io.err).not.toMatch(/error/);
    expect(code).toBe(0);
    expect(io.out).toMatch(/\| epoch \| train loss/);
    expect(io.out.match(/^\| [1-4] \|/gm)).toHaveLength(4);
    const report = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as {
      history: { trainLoss: number; validationLoss: number; updates: number }[];
      stopReason: string;
      rows: { train: number; validation: number };
      final: { train: { loss: number } };
    };
    expect(report.stopReason).toBe('completed');
    expect(report.rows).toEqual({ train: 32, validation: 8 });
    expect(report.history.map((h) => h.updates)).toEqual([1, 1, 1, 1]);
    // full-batch gradient descent with a small rate on a convex loss goes down every epoch
    const losses = report.history.map((h) => h.trainLoss);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]!);
    expect(report.final.train.loss).toBeLessThan(losses[0]!);
    expect(io.err).toMatch(/fit: 4\/4/);
  });

  it('trains with the diagnosis\'s default rates: 0.01 for adam, sgd\'s own otherwise; standardizes built-in datasets too', async () => {
    const rates: number[] = [];
    for (const optimizer of ['adam', 'sgd', 'lars']) {
      const io = memoryIO(dir);
      expect(await runCli(['train', '--dataset', 'curve', '--model', 'linear', '--optimizer', optimizer, '--epochs', '1', '--backend', 'cpu', '--json', `${optimizer}.json`], io), io.err).toBe(0);
      rates.push(JSON.parse(await readFile(join(dir, `${optimizer}.json`), 'utf8')).learningRate);
    }
    expect(rates[0]).toBeCloseTo(0.01, 9); // adam: the diagnosis's 0.01, not Keras's 0.001
    expect(rates[1]).toBeCloseTo(0.01, 9); // sgd's own default
    expect(rates[2]).toBeCloseTo(0.1, 9); // lars's own default
    const io = memoryIO(dir);
    expect(await runCli(['train', '--dataset', 'curve', '--model', 'linear', '--epochs', '1', '--validation', '0', '--backend', 'cpu', '--save', 'curve-model'], io), io.err).toBe(0);
    const saved = JSON.parse(await readFile(join(dir, 'curve-model', 'preprocessing.json'), 'utf8'));
    expect(saved.standardizer.scope).toBe('feature');
    expect(saved.origin).toMatch(/curve/);
  });

  it('bad flags and files exit 2 with one line naming them', async () => {
    const cases: [string[], RegExp][] = [
      [['train', '--train', 'data.csv'], /--target/],
      [['train', '--train', 'nope.csv', '--target', 'y'], /nope\.csv/],
      [['train', '--train', 'data.csv', '--target', 'y', '--batch-size', '0'], /--batch-size: expected a whole number ≥ 1 or "full", got "0"/],
      [['train', '--train', 'data.csv', '--target', 'y', '--optimizer', 'adamax'], /--optimizer/],
      [['train', '--train', 'data.csv', '--target', 'y', '--validation', '1.5'], /--validation: expected a fraction below 1/],
      [['train', '--target', 'y'], /give either --dataset NAME or --train F\.csv --target COL/],
    ];
    for (const [args, message] of cases) {
      const io = memoryIO(dir);
      expect(await runCli(args, io), args.join(' ')).toBe(2);
      expect(io.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(io.err).toMatch(message);
    }
  });
});
