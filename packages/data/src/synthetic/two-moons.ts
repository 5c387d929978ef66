import { createRng } from '@losslens/core';
import { subset } from '../subset.js';
import { checkCount, checkNonNegative, describeOptions, type SyntheticDataset } from './synthetic-dataset.js';

/** Options for {@link makeTwoMoons}. */
export interface TwoMoonsOptions {
  /** Rows (default 200): `floor(n/2)` on the upper moon (class 0), the rest on the lower (class 1). */
  n?: number;
  /** Seed (default 0). */
  seed?: number;
  /** Standard deviation of Gaussian noise added to both coordinates (default 0.1). */
  noise?: number;
  /** Shuffle the rows (default true); false keeps scikit-learn's order (upper moon first). */
  shuffle?: boolean;
}

/**
 * Two interleaving half circles, as scikit-learn's `make_moons`: upper moon
 * `(cos t, sin t)`, lower moon `(1 − cos t, 0.5 − sin t)`, `t` evenly spaced in [0, π];
 * then `noise·N(0, 1)` on each coordinate. Not linearly separable: a linear model shows model bias.
 * @example
 * const ds = makeTwoMoons({ n: 400, noise: 0.2, seed: 3 }); // classNames ['upper', 'lower']
 */
export function makeTwoMoons(options: TwoMoonsOptions = {}): SyntheticDataset {
  const n = checkCount('n', options.n ?? 200, 2);
  const seed = options.seed ?? 0;
  const noise = checkNonNegative('noise', options.noise ?? 0.1);
  const upper = Math.floor(n / 2);
  const lower = n - upper;
  const noiseRng = createRng(seed).fork('noise');
  const features = new Float32Array(2 * n);
  const targets = new Float32Array(n);
  const spaced = (k: number, m: number) => (m === 1 ? 0 : (Math.PI * k) / (m - 1));
  for (let i = 0; i < n; i++) {
    const isUpper = i < upper;
    const t = isUpper ? spaced(i, upper) : spaced(i - upper, lower);
    const x = isUpper ? Math.cos(t) : 1 - Math.cos(t);
    const y = isUpper ? Math.sin(t) : 1 - Math.sin(t) - 0.5;
    features[2 * i] = x + noise * noiseRng.normal();
    features[2 * i + 1] = y + noise * noiseRng.normal();
    targets[i] = isUpper ? 0 : 1;
  }
  const ds: SyntheticDataset = {
    name: 'two-moons',
    task: 'classification',
    n,
    featureShape: [2],
    features,
    targets,
    outputs: 2,
    featureNames: ['x1', 'x2'],
    targetName: 'moon',
    classNames: ['upper', 'lower'],
    origin: `synthetic:two-moons(${describeOptions({ n, noise, seed })})`,
    truth: { description: 'two half circles (scikit-learn make_moons) plus Gaussian input noise', noiseStd: noise },
  };
  return options.shuffle === false ? ds : subset(ds, createRng(seed).fork('shuffle').permutation(n));
}
