import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../test-io.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'losslens-lc-'));
  const rows = Array.from({ length: 24 }, (_, i) => `${(i / 23).toFixed(4)},${(3 * (i / 23) - 1 + 0.1 * Math.sin(5 * i)).toFixed(5)}`);
  await writeFile(join(root, 'train.csv'), ['x,y', ...rows].join('\n') + '\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const run = (args: string[]) => runIn(root, args);

describe('losslens learning-curve', () => {
  it('prints the curve with the best size marked and writes JSON, SVG and HTML', async () => {
    const { code, out, err } = await run([
      'learning-curve', '--train', 'train.csv', '--target', 'y', '--model', 'linear', '--folds', '3', '--sizes', '4,8,16',
      '--epochs', '30', '--batch-size', 'full', '--optimizer', 'sgd', '--lr', '0.3', '--backend', 'cpu',
      '--json', 'lc.json', '--svg', 'lc.svg', '--html', 'lc.html',
    ]);
    expect(err).not.toMatch(/error/);
    expect(code).toBe(0);
    expect(out).toMatch(/^learning curve of linear on train\.csv \(24 rows, 3 shuffled folds\)/);
    expect(out).toMatch(/\n4 +\S+ ± \S+ +\S+ ± \S+/);
    expect(out).toMatch(/← best/);
    expect(out).toMatch(/from 4 to 16 training rows the validation loss fell by -?\d+\.\d %/);
    const curve = JSON.parse(await readFile(join(root, 'lc.json'), 'utf8')) as { points: { x: number; validationLosses: number[] }[]; best: number };
    expect(curve.points.map((p) => p.x)).toEqual([4, 8, 16]);
    expect(curve.points.every((p) => p.validationLosses.length === 3)).toBe(true);
    expect(await readFile(join(root, 'lc.svg'), 'utf8')).toMatch(/^<svg/);
    const html = await readFile(join(root, 'lc.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).toMatch(/Learning curve: linear on train\.csv/);
    // The table is an HTML table (not Markdown in <pre>), and train/validation wear their role colours.
    expect(html).not.toContain('<pre>');
    expect(html).toMatch(/<thead><tr><th style="text-align:right">training rows<\/th><th style="text-align:right">train loss<\/th>/);
    for (const p of curve.points) expect(html).toContain(`<td style="text-align:right">${p.x}</td>`);
    expect(html).toMatch(/aria-label="[^"]*series: train[^"]*" role="graphics-symbol" aria-roledescription="line mark"[^>]*stroke="#4c78a8"/);
    expect(html).toMatch(/aria-label="[^"]*series: validation[^"]*" role="graphics-symbol" aria-roledescription="line mark"[^>]*stroke="#f58518"/);
  });

  it.each([
    [['--model', 'linear', '--sizes', '4,40'], /^losslens: --sizes: learningCurve: size 40 exceeds the 16 training rows of the smallest fold$/],
    [['--model', 'linear', '--sizes', '0.5,abc'], /^losslens: --sizes: expected fractions in \(0, 1\] or row counts separated by commas, got "0\.5,abc"$/],
    [['--model', 'mlp:x:relu'], /^losslens: --model: /],
    [['--model', 'linear', '--folds', '30'], /^losslens: --folds: cannot split the 24 rows of train\.csv into 30 folds$/],
  ])('bad input %j exits 2 with one line', async (extra, message) => {
    const { code, err } = await run(['learning-curve', '--train', 'train.csv', '--target', 'y', '--folds', '3', '--epochs', '1', '--backend', 'cpu', ...extra]);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err.trim()).toMatch(message);
  });
});
