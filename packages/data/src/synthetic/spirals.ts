import { createRng } from '@losslens/core';
import { subset } from '../subset.js';
import { checkCount, checkNonNegative, describeOptions, type SyntheticDataset } from './synthetic-dataset.js';

/** Options for {@link makeSpirals}. */
export interface SpiralsOptions {
  /** Rows (default 300), split as evenly as possible over the arms (earlier arms get the remainder). */
  n?: number;
  /** Arms = classes (default 2). */
  classes?: number;
  /** Full turns of each arm (default 1). */
  turns?: number;
  /** Standard deviation of Gaussian noise added to both coordinates (default 0.05). */
  noise?: number;
  /** Seed (default 0). */
  seed?: number;
  /** Shuffle the rows (default true); false keeps arm order. */
  shuffle?: boolean;
}

/**
 * Interleaved spiral arms, one per class: the `i`-th of `m` points of arm `k` has
 * `s = i/(m−1)`, radius `s`, angle `2π·(turns·s + k/classes)`, position `(s·cos θ, s·sin θ)`,
 * plus `noise·N(0, 1)` per coordinate. Hard for shallow or narrow networks.
 * @example
 * const ds = makeSpirals({ n: 600, classes: 3, seed: 1 });
 */
export function makeSpirals(options: SpiralsOptions = {}): SyntheticDataset {
  const classes = checkCount('classes', options.classes ?? 2, 2);
  const n = checkCount('n', options.n ?? 300, classes);
  const turns = checkNonNegative('turns', options.turns ?? 1);
  const noise = checkNonNegative('noise', options.noise ?? 0.05);
  const seed = options.seed ?? 0;
  const noiseRng = createRng(seed).fork('noise');
  const features = new Float32Array(2 * n);
  const targets = new Float32Array(n);
  let row = 0;
  for (let k = 0; k < classes; k++) {
    const m = Math.floor(n / classes) + (k < n % classes ? 1 : 0);
    for (let i = 0; i < m; i++) {
      const s = m === 1 ? 0 : i / (m - 1);
      const angle = 2 * Math.PI * (turns * s + k / classes);
      features[2 * row] = s * Math.cos(angle) + noise * noiseRng.normal();
      features[2 * row + 1] = s * Math.sin(angle) + noise * noiseRng.normal();
      targets[row] = k;
      row++;
    }
  }
  const ds: SyntheticDataset = {
    name: 'spirals',
    task: 'classification',
    n,
    featureShape: [2],
    features,
    targets,
    outputs: classes,
    featureNames: ['x1', 'x2'],
    targetName: 'arm',
    classNames: Array.from({ length: classes }, (_, k) => `arm${k}`),
    origin: `synthetic:spirals(${describeOptions({ n, classes, turns, noise, seed })})`,
    truth: { description: `${classes} spiral arms of ${turns} turn(s) plus Gaussian input noise`, noiseStd: noise },
  };
  return options.shuffle === false ? ds : subset(ds, createRng(seed).fork('shuffle').permutation(n));
}
