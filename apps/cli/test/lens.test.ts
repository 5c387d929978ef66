/**
 * The CLI works through one lens: built-ins resolved by name give the JSON the direct calls gave
 * (golden files written before the lens, by commit b68a94e), and a third party's plugin package,
 * written from the guide alone, is usable by every command that takes a name.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../src/test-io.js';

const here = dirname(fileURLToPath(import.meta.url));
const golden = join(here, 'golden');
const repo = join(here, '..', '..', '..');

/** JSON without the fields that measure time (they differ run to run). */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (/^(seconds|ms|msTotal|msPerUpdate|msPerEpoch|checks)$/.test(key)) continue;
    out[key] = timeless(v);
  }
  return out;
}

/**
 * Numbers as float32 arithmetic reproduces them: equal within 1e-5 relative (plus 1e-6 absolute,
 * for eigenvalues in the zero band). The golden files predate issue 18's batched Hessian-vector
 * products, which sum in another order and move the last float32 digits.
 */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) return void expect(actual, path).toBeNaN();
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-5 * Math.max(Math.abs(actual), Math.abs(expected)) + 1e-6);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual) ? actual.length : -1, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

let dir: string;
beforeAll(async () => {
  // Inside the repository, so the package's own imports (@losslens/core, tfjs) resolve as an installed plugin's would.
  dir = await mkdtemp(join(here, '.tmp-lens-'));
  await cp(join(here, 'fixtures', 'losslens-plugin-sensors'), join(dir, 'node_modules', 'losslens-plugin-sensors'), { recursive: true });
  for (const file of ['regression.csv', 'shifted-test.csv', 'classes.csv']) await cp(join(golden, file), join(dir, file));
  await cp(join(golden, 'tanh'), join(dir, 'tanh'), { recursive: true });
  const rows = Array.from({ length: 40 }, (_, i) => `${(i / 40).toFixed(4)},${(3 * (i / 40) - 1).toFixed(4)}`);
  await writeFile(join(dir, 'line.csv'), `x,y\n${rows.join('\n')}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const json = async (file: string) => JSON.parse(await readFile(join(dir, file), 'utf8')) as Record<string, unknown>;
const expected = async (file: string) => JSON.parse(await readFile(join(golden, file), 'utf8')) as Record<string, unknown>;

describe('built-ins through the lens equal the direct calls', () => {
  it.each([
    ['diagnose-curve.json', ['diagnose', '--dataset', 'curve', '--model', 'linear', '--budget', 'quick']],
    ['diagnose-shift.json', ['diagnose', '--train', 'regression.csv', '--test', 'shifted-test.csv', '--target', 'y', '--model', 'mlp:32x32:relu', '--budget', 'quick', '--seed', '2']],
    ['cv.json', ['cv', '--train', 'classes.csv', '--target', 'label', '--folds', '3', '--models', 'linear;mlp:8:relu', '--epochs', '20', '--lr', '0.001']], // the golden was written when cv's default rate was adam's 0.001
    ['hessian.json', ['hessian', '--model', 'tanh/model.json', '--data', 'regression.csv', '--target', 'y', '--full']],
  ])('%s', async (file, args) => {
    const { code, err } = await runIn(dir, [...args, '--json', file]);
    expect(err).not.toMatch(/error/);
    expect(code).toBe(0);
    expectClose(timeless(await json(file)), timeless(await expected(file)));
  });
});

describe('a third-party plugin package, by package name from the working directory', () => {
  const plugin = ['--plugin', 'losslens-plugin-sensors'];

  it('lists its contributions with their owner', async () => {
    const { code, out, err } = await runIn(dir, ['plugins', ...plugin, '--json']);
    expect(err).not.toMatch(/losslens:/);
    expect(code).toBe(0);
    const listed = JSON.parse(out) as { contributions: { kind: string; key: string; plugin: string }[] };
    const mine = listed.contributions.filter((c) => c.plugin === 'losslens-plugin-sensors').map((c) => `${c.kind} ${c.key}`);
    expect(mine.sort()).toEqual([
      'analyses sensors/target-range', 'augmentations sensors/scale', 'datasets sensors/line',
      'models sensors/poly', 'optimizers sensors/scaled-sgd', 'splitters sensors/parity',
    ]);
  });

  it('data inspect reads its dataset', async () => {
    const { code, out } = await runIn(dir, ['data', 'inspect', '--dataset', 'sensors/line', ...plugin, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ rows: 64, task: 'regression' });
  });

  it('train uses its model prefix, optimizer and augmentation', async () => {
    const { code, out } = await runIn(dir, [
      'train', '--dataset', 'line', '--model', 'sensors/poly:3', '--optimizer', 'scaled-sgd', '--lr', '0.05', '--augment', 'sensors/scale:{"scale":1}',
      '--epochs', '3', '--batch-size', 'full', '--validation', '0', ...plugin, '--json', 'train.json',
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/^sensors\/poly:3: 4 parameters, 64 training rows/);
    const run = await json('train.json');
    expect(run).toMatchObject({ model: 'sensors/poly:3', optimizer: 'scaled-sgd', parameters: 4 });
    // Full-batch gradient descent with factor 1 lowers the loss of a convex problem every epoch.
    const losses = (run['history'] as { trainLoss: number }[]).map((h) => h.trainLoss);
    expect(losses[2]!).toBeLessThan(losses[0]!);
  });

  it('cv uses its splitter and model prefix', async () => {
    const { code } = await runIn(dir, ['cv', '--train', 'line.csv', '--target', 'y', '--splitter', 'sensors/parity', '--models', 'linear;sensors/poly:2', '--epochs', '5', ...plugin, '--json', 'cv.json']);
    expect(code).toBe(0);
    const cv = await json('cv.json');
    const folds = cv['folds'] as { validation: number[] }[];
    expect(folds.map((f) => f.validation.slice(0, 3))).toEqual([[0, 2, 4], [1, 3, 5]]);
    expect((cv['models'] as { spec: string }[]).map((m) => m.spec)).toEqual(['linear', 'sensors/poly:2']);
  });

  it('diagnose trains its model and cites its analysis with the preliminary verdict', async () => {
    const { code, out } = await runIn(dir, ['diagnose', '--dataset', 'sensors/line', '--model', 'sensors/poly:2', '--budget', 'quick', '--epochs', '5', ...plugin, '--json', 'd.json']);
    expect(code).toBe(0);
    expect(out).toMatch(/sensors\/target-range/);
    const d = await json('d.json');
    expect(d['model']).toBe('sensors/poly:2');
    const evidence = (d['evidence'] as { check: string; values: Record<string, unknown> }[]).find((e) => e.check === 'sensors/target-range');
    expect(evidence?.values['verdictSoFar']).toBe(d['verdict']);
    expect((d['checks'] as { ran: string[] }).ran).toContain('sensors/target-range');
  });

  it('hessian and model summary take its model prefix', async () => {
    const h = await runIn(dir, ['hessian', '--model', 'sensors/poly:1', '--data', 'line.csv', '--target', 'y', '--full', ...plugin, '--json', 'h.json']);
    expect(h.code).toBe(0);
    // ŷ = w·x + b with mse: H = 2·[[mean x², mean x], [mean x, 1]], two positive eigenvalues.
    const report = await json('h.json');
    const x = Array.from({ length: 40 }, (_, i) => Number((i / 40).toFixed(4)));
    const mx = x.reduce((a, b) => a + b, 0) / 40;
    const mxx = x.reduce((a, b) => a + b * b, 0) / 40;
    const tr = 2 * (mxx + 1);
    const det = 4 * (mxx - mx * mx);
    const disc = Math.sqrt(tr * tr - 4 * det);
    expect(report['eigenvalues']).toEqual([expect.closeTo((tr - disc) / 2, 3), expect.closeTo((tr + disc) / 2, 3)]);
    const s = await runIn(dir, ['model', 'summary', 'sensors/poly:2', '--input-shape', '3', ...plugin]);
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/poly\/w1/);
  });
});

describe('the guide\'s plugin file runs verbatim with --plugin (.ts through tsx)', () => {
  it('diagnose --plugin docs/examples/sensors-plugin.ts', async () => {
    const file = join(repo, 'docs', 'examples', 'sensors-plugin.ts');
    const { code, out, err } = await runIn(dir, ['diagnose', '--dataset', 'sensors/ramp', '--model', 'sensors/quadratic', '--augment', 'sensors/jitter', '--epochs', '3', '--budget', 'quick', '--plugin', file]);
    expect(err).not.toMatch(/losslens:/);
    expect(code).toBe(0);
    expect(out).toMatch(/\*\*sensors\/duplicate-rows\*\*: 0 of 80 training rows repeat another row/);
  });
});

describe('names that do not resolve, and plugins that fail', () => {
  it.each([
    [['train', '--dataset', 'curve', '--optimizer', 'nope'], /^losslens: --optimizer: no optimizer named "nope" \(known: optim\/sgd, .*optim\/lamb\)\n$/],
    [['train', '--dataset', 'curve', '--augment', 'nope'], /^losslens: --augment: no augmentation named "nope" \(known: data\/horizontal-flip, /],
    [['train', '--dataset', 'curve', '--schedule', 'nope'], /^losslens: --schedule: no schedule named "nope" \(known: optim\/constant, /],
    [['train', '--dataset', 'curve', '--model', 'nope:3'], /^losslens: (--model: )?unknown model spec "nope:3"; use linear, mlp/],
    [['cv', '--train', 'line.csv', '--target', 'y', '--models', 'linear', '--splitter', 'nope'], /^losslens: --splitter: no splitter named "nope" \(known: validate\/kfold, /],
    [['cv', '--train', 'line.csv', '--target', 'y', '--models', 'linear', '--splitter', 'group-kfold'], /^losslens: --groups: validate\/group-kfold needs --groups COLUMN|group-kfold needs --groups/],
    [['train', '--dataset', 'nope'], /^losslens: --dataset: no dataset named "nope" \(known: data\/mnist, /],
    [['train', '--dataset', 'curve', '--plugin', 'not-installed-anywhere'], /^losslens: --plugin: cannot find package "not-installed-anywhere" from /],
  ])('%j exits 2 with one line', async (args, message) => {
    const { code, err } = await runIn(dir, args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('a built-in named with --plugin changes nothing', async () => {
    const { code } = await runIn(dir, ['data', 'inspect', '--dataset', 'iris', '--plugin', '@losslens/data']);
    expect(code).toBe(0);
  });

  it('a plugin whose setup throws exits 2 naming it', async () => {
    await writeFile(join(dir, 'broken.mjs'), "export default { name: 'broken', version: '1.0.0', setup() { throw new Error('no GPU here'); } };\n");
    const { code, err } = await runIn(dir, ['plugins', '--plugin', './broken.mjs']);
    expect(code).toBe(2);
    expect(err).toBe('losslens: plugin "broken" failed in setup: no GPU here\n');
  });

  it('an analysis that throws becomes evidence and the diagnosis is kept', async () => {
    await writeFile(join(dir, 'throws.mjs'), "export default { name: 'throws', version: '1.0.0', provides: { analyses: { 'throws/always': { title: 'always', run() { throw new Error('oops'); } } } } };\n");
    const { code, out } = await runIn(dir, ['diagnose', '--dataset', 'curve', '--model', 'linear', '--budget', 'quick', '--epochs', '2', '--plugin', './throws.mjs']);
    expect(code).toBe(0);
    expect(out).toMatch(/\*\*throws\/always\*\*: analysis throws\/always failed: oops/);
  });
});
