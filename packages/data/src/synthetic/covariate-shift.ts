import { createRng, type Task } from '@losslens/core';
import { checkCount, checkNonNegative, describeOptions, type ShiftPair, type SyntheticDataset } from './synthetic-dataset.js';

/** Options for {@link makeCovariateShift}. */
export interface CovariateShiftOptions {
  /** Training rows (default 400). */
  n?: number;
  /** Test rows (default `n`). */
  testN?: number;
  /** How far the test inputs' mean moves along x1, in input standard deviations (default 2.5). */
  shift?: number;
  /** Regression target noise std (default 0.1). */
  noise?: number;
  /** Regression (default) or classification (`y = [f(x) > 0]`). */
  task?: Task;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * Covariate shift: the inputs move, the rule does not. `f(x) = sin(2·x1) + 0.5·x2`, the same
 * for train and test; training inputs `x ~ N(0, I)`, test inputs have `x1 ~ N(shift, 1)`.
 * A model that fits the training region well still fails on the test region, and more training
 * data from the same region does not help: mismatch, not overfitting.
 * @example
 * const { train, test } = makeCovariateShift({ n: 500, shift: 3, seed: 1 });
 */
export function makeCovariateShift(options: CovariateShiftOptions = {}): ShiftPair {
  const n = checkCount('n', options.n ?? 400, 2);
  const testN = checkCount('testN', options.testN ?? n, 2);
  const shift = checkNonNegative('shift', options.shift ?? 2.5);
  const noise = checkNonNegative('noise', options.noise ?? 0.1);
  const task = options.task ?? 'regression';
  const seed = options.seed ?? 0;
  const f = (x: readonly number[]) => Math.sin(2 * (x[0] as number)) + 0.5 * (x[1] as number);
  const make = (part: 'train' | 'test', rows: number): SyntheticDataset => {
    const rng = createRng(seed).fork(part);
    const features = new Float32Array(2 * rows);
    const targets = new Float32Array(rows);
    const mean = part === 'test' ? shift : 0;
    for (let i = 0; i < rows; i++) {
      features[2 * i] = mean + rng.normal();
      features[2 * i + 1] = rng.normal();
      const value = f([features[2 * i] as number, features[2 * i + 1] as number]);
      targets[i] = task === 'regression' ? value + noise * rng.normal() : value > 0 ? 1 : 0;
    }
    return {
      name: `covariate-shift-${part}`,
      task,
      n: rows,
      featureShape: [2],
      features,
      targets,
      outputs: task === 'regression' ? 1 : 2,
      featureNames: ['x1', 'x2'],
      targetName: 'y',
      ...(task === 'classification' ? { classNames: ['negative', 'positive'] } : {}),
      origin: `synthetic:covariate-shift(${describeOptions({ part, n: rows, shift, noise, task, seed })})`,
      truth: {
        description: `f(x) = sin(2·x1) + 0.5·x2${task === 'classification' ? ' > 0' : ' + N(0, noise²)'}; x1 ~ N(${mean}, 1), x2 ~ N(0, 1)`,
        noiseStd: task === 'regression' ? noise : 0,
        f: (x) => [task === 'regression' ? f(x) : f(x) > 0 ? 1 : 0],
      },
    };
  };
  return {
    train: make('train', n),
    test: make('test', testN),
    shift: { kind: 'covariate', description: `test inputs x1 ~ N(${shift}, 1) instead of N(0, 1); the rule y(x) is unchanged` },
  };
}
