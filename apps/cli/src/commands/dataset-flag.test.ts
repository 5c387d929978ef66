import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../test-io.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-dataset-flag-'));
  // rows far outside the curve's x range: a shifted test set for the built-in `curve`
  await writeFile(join(dir, 'far.csv'), `x,y\n${Array.from({ length: 40 }, (_, i) => `${10 + i / 4},${i % 3}`).join('\n')}\n`);
});

describe('--dataset works wherever --train does', () => {
  it('cv on a built-in dataset: its folds cover every row of it once', async () => {
    const { code, out, err } = await runIn(dir, ['cv', '--dataset', 'curve', '--models', 'linear', '--folds', '3', '--epochs', '2', '--backend', 'cpu', '--json', 'cv.json']);
    expect(code, err).toBe(0);
    const n = Number(/3-fold cross validation on curve \((\d+) rows/.exec(out)?.[1]);
    expect(n).toBeGreaterThan(10);
    const json = JSON.parse(await readFile(join(dir, 'cv.json'), 'utf8'));
    const validation = json.folds.flatMap((f: { validation: number[] }) => f.validation).sort((a: number, b: number) => a - b);
    expect(validation).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(json.models[0].foldLosses).toHaveLength(3);
  }, 120_000);

  it('learning-curve on a built-in dataset', async () => {
    const { code, out, err } = await runIn(dir, ['learning-curve', '--dataset', 'curve', '--model', 'linear', '--folds', '2', '--sizes', '0.5,1', '--epochs', '2', '--backend', 'cpu']);
    expect(code, err).toBe(0);
    expect(out).toMatch(/learning curve of linear on curve/);
  }, 120_000);

  it('shift compares a test CSV with a built-in dataset, and finds the far rows shifted', async () => {
    const { code, out, err } = await runIn(dir, ['shift', '--dataset', 'curve', '--test', 'far.csv', '--tests', 'ks', '--json', 'shift.json']);
    expect(code, err).toBe(0);
    expect(out).toMatch(/shift tests: curve \(\d+ rows\) vs far\.csv \(40 rows\)/);
    expect(JSON.parse(await readFile(join(dir, 'shift.json'), 'utf8')).shifted).toBe(true);
  }, 60_000);

  it.each([
    [['cv', '--models', 'linear'], '--train', /give either --train F\.csv --target COL or --dataset NAME/],
    [['cv', '--dataset', 'curve', '--train', 'far.csv', '--target', 'y', '--models', 'linear'], '--dataset', /give either/],
    [['cv', '--dataset', 'curve', '--models', 'linear', '--splitter', 'group-kfold', '--groups', 'x'], '--groups', /built-in datasets have none/],
    [['learning-curve', '--train', 'far.csv', '--model', 'linear'], '--target', /needs --target COL/],
    [['shift', '--test', 'far.csv'], '--train', /give either --train F\.csv --target COL or --dataset NAME/],
    [['shift', '--dataset', 'mnist', '--test', 'far.csv'], '--dataset', /holds images/],
  ])('%j: exit 2, one line naming %s', async (args, flag, why) => {
    const { code, err } = await runIn(dir, args);
    expect(err).not.toMatch(/internal error/);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(`${flag}`);
    expect(err).toMatch(why);
  }, 60_000);
});
