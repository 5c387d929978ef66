import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../test-io.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'losslens-cv-'));
  // 10 rows of y = 2·x1 − x2 + 0.5 with a small deterministic wiggle.
  const rows = Array.from({ length: 10 }, (_, i) => {
    const x1 = i / 9;
    const x2 = ((i * 7) % 10) / 10;
    return `${x1},${x2},${(2 * x1 - x2 + 0.5 + 0.05 * Math.sin(3 * i)).toFixed(5)}`;
  });
  await writeFile(join(root, 'train.csv'), ['x1,x2,y', ...rows].join('\n') + '\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const run = (args: string[]) => runIn(root, args);

describe('losslens cv', () => {
  it('prints a per-model table (mean ± std), the selected spec, and writes the contract JSON', async () => {
    const { code, out, err } = await run([
      'cv', '--train', 'train.csv', '--target', 'y', '--folds', '3', '--models', 'linear;mlp:4:tanh',
      '--epochs', '40', '--batch-size', 'full', '--optimizer', 'adam', '--lr', '0.05', '--backend', 'cpu', '--json', 'out/cv.json',
    ]);
    expect(err).not.toMatch(/error/);
    expect(code).toBe(0);
    expect(out).toMatch(/^3-fold cross validation on train\.csv \(10 rows, kfold\(3\), regression\)/);
    expect(out).toMatch(/\nlinear +\S+ ± \S+/);
    expect(out).toMatch(/\nmlp:4:tanh +\S+ ± \S+/);
    expect(out).toMatch(/\nselected: (linear|mlp:4:tanh) \(smallest mean validation loss/);
    const json = JSON.parse(await readFile(join(root, 'out/cv.json'), 'utf8')) as {
      folds: { train: number[]; validation: number[] }[];
      models: { spec: string; foldLosses: number[]; mean: number; std: number }[];
      selected: string;
    };
    // scikit-learn KFold(n_splits=3, shuffle=False) on 10 rows.
    expect(json.folds).toEqual([
      { train: [4, 5, 6, 7, 8, 9], validation: [0, 1, 2, 3] },
      { train: [0, 1, 2, 3, 7, 8, 9], validation: [4, 5, 6] },
      { train: [0, 1, 2, 3, 4, 5, 6], validation: [7, 8, 9] },
    ]);
    expect(json.models.map((m) => m.spec)).toEqual(['linear', 'mlp:4:tanh']);
    for (const m of json.models) {
      expect(m.foldLosses).toHaveLength(3);
      const mean = m.foldLosses.reduce((a, b) => a + b, 0) / 3;
      expect(m.mean).toBeCloseTo(mean, 12);
      expect(m.std).toBeCloseTo(Math.sqrt(m.foldLosses.reduce((a, b) => a + (b - mean) ** 2, 0) / 2), 12);
    }
    const best = json.models.reduce((a, b) => (b.mean < a.mean ? b : a));
    expect(json.selected).toBe(best.spec);
  });

  it('shuffles the folds reproducibly with --shuffle --seed', async () => {
    const args = ['cv', '--train', 'train.csv', '--target', 'y', '--folds', '2', '--shuffle', '--seed', '4', '--models', 'linear', '--epochs', '1', '--backend', 'cpu', '--json'];
    const first = await run([...args, 'a.json']);
    const second = await run([...args, 'b.json']);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const a = JSON.parse(await readFile(join(root, 'a.json'), 'utf8')) as { folds: unknown };
    const b = JSON.parse(await readFile(join(root, 'b.json'), 'utf8')) as { folds: { validation: number[] }[] };
    expect(a.folds).toEqual(b.folds);
    expect(b.folds[0]!.validation).not.toEqual([0, 1, 2, 3, 4]);
  });

  it.each([
    [['--folds', '11', '--models', 'linear'], /^losslens: --folds: cannot split the 10 rows of train\.csv into 11 folds$/],
    [['--folds', '2', '--models', ' ; '], /^losslens: --models: no model specs given/],
    [['--folds', '2', '--models', 'linear;transformer:9'], /^losslens: --models: unknown model spec "transformer:9"/],
    [['--folds', '1', '--models', 'linear'], /^losslens: --folds: expected an integer >= 2, got "1"$/],
    [['--folds', '2'], /required option '--models <specs>' not specified/],
  ])('bad input %j exits 2 with one line', async (extra, message) => {
    const { code, err } = await run(['cv', '--train', 'train.csv', '--target', 'y', '--epochs', '1', '--backend', 'cpu', ...extra]);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err.trim()).toMatch(message);
  });

  it('names a missing file', async () => {
    const { code, err } = await run(['cv', '--train', 'nope.csv', '--target', 'y', '--models', 'linear', '--backend', 'cpu']);
    expect(code).toBe(2);
    expect(err).toMatch(/nope\.csv/);
  });
});
