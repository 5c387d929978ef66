import { InputError, createRng, type Task } from '@losslens/core';
import { checkCount, checkNonNegative, describeOptions, type ShiftPair, type SyntheticDataset } from './synthetic-dataset.js';

/** Options for {@link makeConceptDrift}. */
export interface ConceptDriftOptions {
  /** Training rows (default 400). */
  n?: number;
  /** Test rows (default `n`). */
  testN?: number;
  /** Regression (default): `y = 2·w·x + noise`; classification: `y = [w·x > 0]`. */
  task?: Task;
  /** Angle in degrees between the train and test rule vectors `w` (default 90). */
  angle?: number;
  /** Regression noise std (default 0.1). */
  noise?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * Concept drift: same inputs, a different rule. `x ~ N(0, I)` in 2-D for both parts; training
 * uses `w = (1, 0)`, test `w' = (cos α, sin α)`. For classification a fraction `α/180°` of test
 * labels flip relative to the training rule, so no model trained on train can beat that error.
 * @example
 * const { train, test } = makeConceptDrift({ task: 'classification', angle: 45 });
 */
export function makeConceptDrift(options: ConceptDriftOptions = {}): ShiftPair {
  const n = checkCount('n', options.n ?? 400, 2);
  const testN = checkCount('testN', options.testN ?? n, 2);
  const task = options.task ?? 'regression';
  const angle = options.angle ?? 90;
  if (!Number.isFinite(angle)) throw new InputError('E_USAGE', `angle must be a finite number of degrees, got ${angle}`);
  const noise = checkNonNegative('noise', options.noise ?? 0.1);
  const seed = options.seed ?? 0;
  const radians = (angle * Math.PI) / 180;
  const make = (part: 'train' | 'test', rows: number): SyntheticDataset => {
    const rng = createRng(seed).fork(part);
    const w = part === 'train' ? [1, 0] : [Math.cos(radians), Math.sin(radians)];
    const rule = (x: readonly number[]) => (w[0] as number) * (x[0] as number) + (w[1] as number) * (x[1] as number);
    const features = new Float32Array(2 * rows);
    const targets = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      features[2 * i] = rng.normal();
      features[2 * i + 1] = rng.normal();
      const value = rule([features[2 * i] as number, features[2 * i + 1] as number]);
      targets[i] = task === 'regression' ? 2 * value + noise * rng.normal() : value > 0 ? 1 : 0;
    }
    return {
      name: `concept-drift-${part}`,
      task,
      n: rows,
      featureShape: [2],
      features,
      targets,
      outputs: task === 'regression' ? 1 : 2,
      featureNames: ['x1', 'x2'],
      targetName: 'y',
      ...(task === 'classification' ? { classNames: ['negative', 'positive'] } : {}),
      origin: `synthetic:concept-drift(${describeOptions({ part, n: rows, task, angle, noise, seed })})`,
      truth: {
        description: `w = (${w.map((v) => v.toFixed(3)).join(', ')}); ${task === 'regression' ? 'y = 2·w·x + N(0, noise²)' : 'y = [w·x > 0]'}; x ~ N(0, I)`,
        noiseStd: task === 'regression' ? noise : 0,
        f: (x) => [task === 'regression' ? 2 * rule(x) : rule(x) > 0 ? 1 : 0],
      },
    };
  };
  return {
    train: make('train', n),
    test: make('test', testN),
    shift: { kind: 'concept', description: `the rule y(x) turns by ${angle}° between train and test; the inputs are unchanged` },
  };
}
