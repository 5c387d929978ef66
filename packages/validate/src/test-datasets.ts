/**
 * Small hand-made datasets for this package's tests (not exported from the package).
 */
import { createRng, type Dataset } from '@losslens/core';
import { makeCurve } from '@losslens/data';

/** y = a·x + b + noise·N(0, 1) on n rows with x evenly spread over [−1, 1]. */
export function lineDataset(n: number, options: { a?: number; b?: number; noise?: number; seed?: number } = {}): Dataset {
  const { a = 2, b = 1, noise = 0.1, seed = 0 } = options;
  const rng = createRng(seed);
  const features = new Float32Array(n);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = n === 1 ? 0 : -1 + (2 * i) / (n - 1);
    features[i] = x;
    targets[i] = a * x + b + noise * rng.normal();
  }
  return {
    name: 'line',
    task: 'regression',
    n,
    featureShape: [1],
    features,
    targets,
    outputs: 1,
    featureNames: ['x'],
    targetName: 'y',
    origin: `test:line(n=${n})`,
  };
}

/** y = sin(3x) + noise on n rows with x uniform on [−1, 1] (data's `makeCurve`): a linear model underfits it. */
export function sineDataset(n: number, seed = 0, noise = 0.05): Dataset {
  return makeCurve({ n, seed, noise, curve: (x) => Math.sin(3 * x), range: [-1, 1] });
}
