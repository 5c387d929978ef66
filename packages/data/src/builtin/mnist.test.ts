import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadMnist, mnistFromDigits } from './mnist.js';

/** Digit `d`'s raw pixels, read straight from the package's JSON file (not through the package's code). */
async function rawDigit(d: number): Promise<number[]> {
  const root = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  return (JSON.parse(await readFile(join(root, 'src', 'digits', `${d}.json`), 'utf8')) as { data: number[] }).data;
}

/** Images per digit in the `mnist` package (10,000 in all). */
const COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

describe('loadMnist', () => {
  it('loads the first 300 real digits of the stratified order: shape, range, labels and pixels match the files', async () => {
    const ds = await loadMnist({ n: 300 });
    expect(ds.n).toBe(300);
    expect(ds.featureShape).toEqual([28, 28, 1]);
    expect(ds.features).toHaveLength(300 * 784);
    expect(ds.outputs).toBe(10);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(ds.features.reduce((a, b) => Math.min(a, b), Infinity)).toBe(0);
    expect(ds.features.reduce((a, b) => Math.max(a, b), -Infinity)).toBe(1);
    expect(ds.origin).toContain('first 300 of 10000');

    // stratified: each digit's count within one of its share of 300
    const counts = new Array<number>(10).fill(0);
    for (const t of ds.targets) counts[t] = (counts[t] ?? 0) + 1;
    COUNTS.forEach((count, d) => expect(Math.abs((counts[d] as number) - (300 * count) / 10000)).toBeLessThanOrEqual(1));

    // the k-th row labelled d is image k of digit d in the package's file (order within a digit kept)
    const seen = new Array<number>(10).fill(0);
    const raws = await Promise.all([0, 3, 7].map(rawDigit));
    for (let row = 0; row < ds.n; row++) {
      const d = ds.targets[row] as number;
      const k = seen[d] as number;
      seen[d] = k + 1;
      const raw = d === 0 ? raws[0] : d === 3 ? raws[1] : d === 7 ? raws[2] : undefined;
      if (raw === undefined) continue;
      const expected = Float32Array.from(raw.slice(k * 784, (k + 1) * 784));
      expect(ds.features.subarray(row * 784, (row + 1) * 784)).toEqual(expected);
    }
  });

  it('rejects n outside 1..10000', async () => {
    await expect(loadMnist({ n: 0 })).rejects.toThrow('MNIST has 10000 images; n must be a whole number in 1..10000, got 0');
    await expect(loadMnist({ n: 10001 })).rejects.toThrow(/got 10001/);
  });
});

describe('mnistFromDigits', () => {
  it('orders rows so that every prefix is class-balanced (tiny hand-made digits)', () => {
    // digit 0: 4 images, digit 1: 2 images, other digits: none; pixel 0 holds the image number
    const image = (v: number) => Float32Array.from({ length: 784 }, (_, p) => (p === 0 ? v : 0));
    const concat = (values: number[]) => Float32Array.from(values.flatMap((v) => Array.from(image(v))));
    const digits = [concat([0.1, 0.2, 0.3, 0.4]), concat([0.5, 0.6]), ...Array.from({ length: 8 }, () => new Float32Array(0))];
    const ds = mnistFromDigits(digits);
    // keys: digit 0 → 1/8, 3/8, 5/8, 7/8; digit 1 → 1/4, 3/4
    expect(Array.from(ds.targets)).toEqual([0, 1, 0, 0, 1, 0]);
    expect(Array.from({ length: 6 }, (_, r) => ds.features[r * 784])).toEqual([0.1, 0.5, 0.2, 0.3, 0.6, 0.4].map(Math.fround));
  });
});
