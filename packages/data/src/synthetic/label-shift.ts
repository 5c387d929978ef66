import { InputError, createRng } from '@losslens/core';
import { subset } from '../subset.js';
import { checkCount, checkNonNegative, describeOptions, type ShiftPair, type SyntheticDataset } from './synthetic-dataset.js';

/** Options for {@link makeLabelShift}. */
export interface LabelShiftOptions {
  /** Training rows (default 400). */
  n?: number;
  /** Test rows (default `n`). */
  testN?: number;
  /** Classes (default 3). */
  classes?: number;
  /** Class shares in training data (default ∝ classes, classes−1, …, 1). Normalized. */
  trainPriors?: readonly number[];
  /** Class shares in test data (default ∝ 1, 2, …, classes: the reverse). Normalized. */
  testPriors?: readonly number[];
  /** Distance of each class mean from the origin (default 2); inputs are `N(mean_y, I)` in 2-D. */
  separation?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * Label shift: class shares change, each class looks the same. Class `k`'s inputs are
 * `N(μ_k, I)` with `μ_k` on a circle of radius `separation` at angle `2πk/classes`; train and
 * test draw classes with different priors (exact counts, largest remainder), rows shuffled.
 * @example
 * const { train, test } = makeLabelShift({ n: 600, trainPriors: [0.8, 0.1, 0.1], testPriors: [0.1, 0.1, 0.8] });
 */
export function makeLabelShift(options: LabelShiftOptions = {}): ShiftPair {
  const classes = checkCount('classes', options.classes ?? 3, 2);
  const n = checkCount('n', options.n ?? 400, 2);
  const testN = checkCount('testN', options.testN ?? n, 2);
  const separation = checkNonNegative('separation', options.separation ?? 2);
  const seed = options.seed ?? 0;
  const trainPriors = normalize('trainPriors', options.trainPriors ?? Array.from({ length: classes }, (_, k) => classes - k), classes);
  const testPriors = normalize('testPriors', options.testPriors ?? Array.from({ length: classes }, (_, k) => k + 1), classes);
  const means = Array.from({ length: classes }, (_, k) => {
    const angle = (2 * Math.PI * k) / classes;
    return [separation * Math.cos(angle), separation * Math.sin(angle)] as const;
  });
  const make = (part: 'train' | 'test', rows: number, priors: number[]): SyntheticDataset => {
    const rng = createRng(seed).fork(part);
    const counts = exactCounts(priors, rows);
    const features = new Float32Array(2 * rows);
    const targets = new Float32Array(rows);
    let row = 0;
    counts.forEach((count, k) => {
      const [mx, my] = means[k] as readonly [number, number];
      for (let i = 0; i < count; i++, row++) {
        features[2 * row] = mx + rng.normal();
        features[2 * row + 1] = my + rng.normal();
        targets[row] = k;
      }
    });
    const ds: SyntheticDataset = {
      name: `label-shift-${part}`,
      task: 'classification',
      n: rows,
      featureShape: [2],
      features,
      targets,
      outputs: classes,
      featureNames: ['x1', 'x2'],
      targetName: 'y',
      classNames: Array.from({ length: classes }, (_, k) => `class${k}`),
      origin: `synthetic:label-shift(${describeOptions({ part, n: rows, priors: priors.map((p) => +p.toFixed(4)), separation, seed })})`,
      truth: { description: `class k ~ priors [${priors.map((p) => p.toFixed(3)).join(', ')}]; x | k ~ N(μ_k, I), |μ_k| = ${separation}`, noiseStd: 1 },
    };
    return subset(ds, rng.fork('shuffle').permutation(rows));
  };
  return {
    train: make('train', n, trainPriors),
    test: make('test', testN, testPriors),
    shift: {
      kind: 'label',
      description: `class shares move from [${trainPriors.map((p) => p.toFixed(2)).join(', ')}] to [${testPriors
        .map((p) => p.toFixed(2))
        .join(', ')}]; each class's inputs are unchanged`,
    },
  };
}

/**
 * Row counts per class that sum to `n`: each the floor of its share, plus one for the largest remainders.
 * @example
 * exactCounts([1 / 3, 1 / 3, 1 / 3], 10); // [4, 3, 3]
 */
export function exactCounts(priors: readonly number[], n: number): number[] {
  const raw = priors.map((p) => p * n);
  const counts = raw.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const byRemainder = raw.map((r, k) => ({ k, rest: r - Math.floor(r) })).sort((a, b) => b.rest - a.rest || a.k - b.k);
  for (const { k } of byRemainder) {
    if (left <= 0) break;
    counts[k] = (counts[k] as number) + 1;
    left--;
  }
  return counts;
}

function normalize(name: string, priors: readonly number[], classes: number): number[] {
  if (priors.length !== classes || priors.some((p) => !Number.isFinite(p) || p < 0)) {
    throw new InputError('E_USAGE', `${name} must be ${classes} non-negative numbers, got [${priors.join(', ')}]`);
  }
  const total = priors.reduce((a, b) => a + b, 0);
  if (total <= 0) throw new InputError('E_USAGE', `${name} must not be all zero`);
  return priors.map((p) => p / total);
}
