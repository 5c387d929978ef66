import { InputError, createRng } from '@losslens/core';
import { checkCount, checkNonNegative, describeOptions, type SyntheticDataset } from './synthetic-dataset.js';

/** The named curves of {@link makeCurve}. */
export const curves = {
  /** `sin(2x)`: smooth, two periods over [-3, 3]; a line cannot follow it (model bias). */
  sine: (x: number) => Math.sin(2 * x),
  /** `(x³ − 4x) / 5`: a cubic with two bends, in [-3, 3] over [-3, 3]. */
  cubic: (x: number) => (x ** 3 - 4 * x) / 5,
  /** A piecewise-linear curve through (-3, 0), (-1, 1.5), (0.5, -1), (2, 0.5), (3, 0): the lecture's hand-drawn red curve. */
  piecewise: (x: number) => interpolate(x, [-3, -1, 0.5, 2, 3], [0, 1.5, -1, 0.5, 0]),
} as const;

/** Options for {@link makeCurve}. */
export interface CurveOptions {
  /** Rows (default 200). */
  n?: number;
  /** Seed (default 0). */
  seed?: number;
  /** Standard deviation of the Gaussian noise added to y (default 0.1). */
  noise?: number;
  /** A named curve (default `sine`) or your own function. */
  curve?: keyof typeof curves | ((x: number) => number);
  /** Inputs are drawn uniformly from this interval (default [-3, 3]). */
  range?: readonly [number, number];
}

/**
 * One-dimensional regression from a known curve plus Gaussian noise: `x ~ U(range)`,
 * `y = f(x) + noise·N(0, 1)`. `truth.f` is the noise-free curve (the lecture's dashed line),
 * so the best achievable MSE is `noise²`.
 * @example
 * const ds = makeCurve({ n: 100, seed: 1, noise: 0.2, curve: 'cubic' });
 * ds.truth.f([0.5]); // [(0.125 - 2) / 5]
 */
export function makeCurve(options: CurveOptions = {}): SyntheticDataset {
  const n = checkCount('n', options.n ?? 200);
  const seed = options.seed ?? 0;
  const noise = checkNonNegative('noise', options.noise ?? 0.1);
  const [low, high] = options.range ?? [-3, 3];
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
    throw new InputError('E_USAGE', `range must be two finite numbers [low, high] with low < high, got [${low}, ${high}]`);
  }
  const chosen = options.curve ?? 'sine';
  const f = typeof chosen === 'function' ? chosen : curves[chosen];
  if (f === undefined) {
    throw new InputError('E_USAGE', `unknown curve "${String(chosen)}"; choose one of ${Object.keys(curves).join(', ')} or pass a function`);
  }
  const rng = createRng(seed);
  const inputs = rng.fork('inputs');
  const noises = rng.fork('noise');
  const features = new Float32Array(n);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = low + (high - low) * inputs.uniform();
    features[i] = x;
    targets[i] = f(x) + noise * noises.normal();
  }
  const curveName = typeof chosen === 'function' ? 'custom' : chosen;
  return {
    name: `curve-${curveName}`,
    task: 'regression',
    n,
    featureShape: [1],
    features,
    targets,
    outputs: 1,
    featureNames: ['x'],
    targetName: 'y',
    origin: `synthetic:curve(${describeOptions({ curve: curveName, n, noise, range: [low, high], seed })})`,
    truth: {
      description: `y = ${curveName}(x) + N(0, ${noise}²), x ~ U(${low}, ${high})`,
      noiseStd: noise,
      f: (x) => [f(x[0] as number)],
    },
  };
}

function interpolate(x: number, xs: readonly number[], ys: readonly number[]): number {
  if (x <= (xs[0] as number)) return ys[0] as number;
  for (let i = 1; i < xs.length; i++) {
    const x1 = xs[i] as number;
    if (x <= x1) {
      const x0 = xs[i - 1] as number;
      const y0 = ys[i - 1] as number;
      return y0 + ((ys[i] as number) - y0) * ((x - x0) / (x1 - x0));
    }
  }
  return ys[ys.length - 1] as number;
}
