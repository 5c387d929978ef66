import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../test-io.js';

let dir: string;
const rows: number[][] = [];

/** Mean squared error of a saved mlp:4:tanh on `data`, computed here from model.json and weights.bin by hand. */
async function lossByHand(folder: string, data: number[][], standardize: boolean): Promise<number> {
  const json = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')) as { weightsManifest: { weights: { name: string; shape: number[] }[] }[] };
  const bytes = await readFile(join(folder, 'weights.bin'));
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const weights = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of json.weightsManifest[0]!.weights) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    weights.set(spec.name.replace(/^.*?(\d)\/(kernel|bias)$/, '$1/$2'), all.slice(offset, offset + size));
    offset += size;
  }
  const columns = [0, 1].map((j) => data.map((r) => r[j]!));
  const mean = columns.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
  const std = columns.map((c, j) => Math.sqrt(c.reduce((a, b) => a + (b - mean[j]!) ** 2, 0) / c.length)); // population std
  const [k1, b1, k2, b2] = ['1/kernel', '1/bias', '2/kernel', '2/bias'].map((name) => weights.get(name)!) as [Float32Array, Float32Array, Float32Array, Float32Array];
  let sum = 0;
  for (const r of data) {
    const x = [0, 1].map((j) => (standardize ? (r[j]! - mean[j]!) / std[j]! : r[j]!));
    let out = b2[0]!;
    for (let h = 0; h < 4; h++) out += Math.tanh(x[0]! * k1[h]! + x[1]! * k1[4 + h]! + b1[h]!) * k2[h]!;
    sum += (out - r[2]!) ** 2;
  }
  return sum / data.length;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-train-save-'));
  let s = 7;
  const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 60; i++) {
    const a = 100 * random();
    const b = 10 * random() - 5;
    rows.push([Number(a.toFixed(3)), Number(b.toFixed(3)), Number((0.03 * a + 0.2 * b * b).toFixed(4))]);
  }
  await writeFile(join(dir, 'r.csv'), `a,b,y\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  await writeFile(join(dir, 'reordered.csv'), `y,b,a\n${rows.map((r) => [r[2], r[1], r[0]].join(',')).join('\n')}\n`);
  await writeFile(join(dir, 'extra.csv'), `a,b,c,y\n${rows.map((r) => [r[0], r[1], 1, r[2]].join(',')).join('\n')}\n`);
  await writeFile(join(dir, 'a-file'), 'not a folder\n');
  const trained = await runIn(dir, ['train', '--train', 'r.csv', '--target', 'y', '--model', 'mlp:4:tanh', '--epochs', '5', '--validation', '0', '--seed', '3', '--json', 'run.json', '--save', 'trained']);
  expect(trained.err).not.toMatch(/internal error/);
  expect(trained.code).toBe(0);
}, 120_000);

describe('train --save feeds hessian and landscape with the same preprocessing', () => {
  it('writes model.json, weights.bin and preprocessing.json with the training part\'s means and stds', async () => {
    expect((await readdir(join(dir, 'trained'))).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin']);
    const saved = JSON.parse(await readFile(join(dir, 'trained', 'preprocessing.json'), 'utf8'));
    expect(saved).toMatchObject({ format: 'losslens-preprocessing', version: 1, target: 'y', task: 'regression', featureNames: ['a', 'b'] });
    const mean = rows.reduce((a, r) => a + r[0]!, 0) / rows.length;
    expect(saved.standardizer.featureMean[0]).toBeCloseTo(mean, 4);
  });

  it('hessian at the saved model reports the loss training reported, equal to a hand computation on standardized rows', async () => {
    const run = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8'));
    const expected = await lossByHand(join(dir, 'trained'), rows, true);
    expect(run.final.train.loss).toBeCloseTo(expected, 4);
    const { code, err } = await runIn(dir, ['hessian', '--model', 'trained', '--train', 'r.csv', '--target', 'y', '--full', '--json', 'h.json']);
    expect(code, err).toBe(0);
    expect(err).toMatch(/preprocessed as the model's training data was/);
    const report = JSON.parse(await readFile(join(dir, 'h.json'), 'utf8'));
    expect(Math.abs(report.loss - expected) / expected).toBeLessThan(1e-5);
    // --data is --train's other name; columns in another order are matched by name
    await runIn(dir, ['hessian', '--model', 'trained/model.json', '--data', 'reordered.csv', '--target', 'y', '--json', 'h2.json']);
    expect(JSON.parse(await readFile(join(dir, 'h2.json'), 'utf8')).loss).toBeCloseTo(report.loss, 6);
  }, 120_000);

  it('landscape centers on the same loss', async () => {
    const { code, err } = await runIn(dir, ['landscape', '--model', 'trained', '--train', 'r.csv', '--target', 'y', '--points', '3', '--json', 'l.json']);
    expect(code, err).toBe(0);
    const grid = JSON.parse(await readFile(join(dir, 'l.json'), 'utf8'));
    const expected = await lossByHand(join(dir, 'trained'), rows, true);
    expect(Math.abs(grid.loss[1][1] - expected) / expected).toBeLessThan(1e-5);
  }, 120_000);

  it('a model.json without preprocessing is analyzed on the rows as they are, or standardized with --standardize', async () => {
    await writeFile(join(dir, 'bare.json'), await readFile(join(dir, 'trained', 'model.json')));
    await writeFile(join(dir, 'weights.bin'), await readFile(join(dir, 'trained', 'weights.bin')));
    const raw = await runIn(dir, ['hessian', '--model', 'bare.json', '--train', 'r.csv', '--target', 'y', '--json', 'raw.json']);
    expect(raw.code, raw.err).toBe(0);
    const expectedRaw = await lossByHand(join(dir, 'trained'), rows, false);
    expect(Math.abs(JSON.parse(await readFile(join(dir, 'raw.json'), 'utf8')).loss - expectedRaw) / expectedRaw).toBeLessThan(1e-5);
    await runIn(dir, ['hessian', '--model', 'bare.json', '--train', 'r.csv', '--target', 'y', '--standardize', '--json', 'std.json']);
    const expected = await lossByHand(join(dir, 'trained'), rows, true);
    expect(Math.abs(JSON.parse(await readFile(join(dir, 'std.json'), 'utf8')).loss - expected) / expected).toBeLessThan(1e-5);
  }, 120_000);
});

describe('one-line errors', () => {
  const refused = async (args: string[], flag: string, why: RegExp) => {
    const before = (await readdir(dir)).sort();
    const { code, err, out } = await runIn(dir, args);
    expect(err).not.toMatch(/internal error/);
    expect(code).toBe(2);
    expect(err.trim().split('\n'), err).toHaveLength(1);
    expect(err).toContain(flag);
    expect(err).toMatch(why);
    expect(out).toBe('');
    expect((await readdir(dir)).sort()).toEqual(before);
  };

  it('names the flag for missing, doubled or mismatched data', async () => {
    await refused(['hessian', '--model', 'trained'], '--train', /give either --train F\.csv --target COL \(or --data F\.csv\) or --dataset NAME/);
    await refused(['hessian', '--model', 'trained', '--train', 'r.csv', '--data', 'extra.csv', '--target', 'y'], '--data', /another name for --train/);
    await refused(['hessian', '--model', 'trained', '--train', 'extra.csv', '--target', 'y'], 'extra.csv', /column "c" is not a feature of the model's training data/);
    await refused(['hessian', '--model', 'trained', '--train', 'r.csv', '--target', 'y', '--standardize'], '--standardize', /brings its own preprocessing/);
  });

  it('refuses a --save folder that is a file, or the input model\'s own folder, before training', async () => {
    await refused(['train', '--train', 'r.csv', '--target', 'y', '--model', 'mlp:4:tanh', '--epochs', '1', '--save', 'a-file'], '--save', /a-file is not a folder/);
    await refused(['train', '--train', 'r.csv', '--target', 'y', '--model', 'trained/model.json', '--epochs', '1', '--save', 'trained'], '--save', /input file of --model/);
  });

  it('hessian takes a built-in dataset', async () => {
    const { code, out, err } = await runIn(dir, ['hessian', '--model', 'linear', '--dataset', 'curve', '--top', '1', '--bottom', '1']);
    expect(code, err).toBe(0);
    expect(out).toMatch(/linear: \d+ parameters/);
  }, 60_000);
});
