import type { Executor } from '@losslens/optim';
import { createRng, hashSeed, InputError, silentChannel, type Dataset, type EventChannel, type Splitter } from '@losslens/core';
import { splitLabels, trainFold, trainFoldsInPool, type FoldFitOptions, type FoldStandardization, type ModelSource, type Trainer } from './train-fold.js';
import { bestPoint, curvePoint, type Curve } from './curve.js';
import { kFold } from './k-fold.js';

/** Options for {@link learningCurve}. */
export interface LearningCurveOptions {
  model: ModelSource;
  /** Training data only. */
  dataset: Dataset;
  /** Default `kFold({ folds: 5 })`. */
  splitter?: Splitter;
  groups?: ArrayLike<number | string>;
  /**
   * Training-set sizes: fractions in (0, 1] of each fold's training rows, or row counts ≥ 1
   * (default scikit-learn's `[0.1, 0.325, 0.55, 0.775, 1]`).
   */
  sizes?: readonly number[];
  fit: FoldFitOptions;
  seed?: number;
  /** Shuffle each fold's training rows once before taking the nested prefixes (default true). */
  shuffle?: boolean;
  standardize?: FoldStandardization;
  events?: EventChannel;
  trainer?: Trainer;
  /** Where the runs train (optim's `Executor`: worker pool, queue, …), all (fold, size) runs at once, with the same results. */
  executor?: Executor;
}

/** A learning curve and the numbers that tell overfitting from mismatch. */
export interface LearningCurve extends Curve {
  kind: 'learning';
  model: string;
  /** Validation − train mean loss at the smallest and the largest size. */
  gap: { first: number; last: number };
  /** (first − last) / first of the mean validation loss: how much more data helped (≤ 0: not at all). */
  validationImprovement: number;
  /** (first − last) / first of the gap. */
  gapShrink: number;
}

/** Default training-set sizes: `np.linspace(0.1, 1.0, 5)`, as scikit-learn's `learning_curve`. */
export const DEFAULT_LEARNING_CURVE_SIZES: readonly number[] = [0.1, 0.325, 0.55, 0.775, 1];

/**
 * Training-set sizes in rows, as scikit-learn's `_translate_train_sizes`: a fraction is
 * truncated to rows and clipped to at least 1 (the number 1 means the fraction 1, all rows),
 * then duplicates are dropped and the sizes sorted.
 * @example
 * trainingSizes([0.1, 0.325, 0.55, 0.775, 1], 80); // [8, 26, 44, 62, 80]
 */
export function trainingSizes(sizes: readonly number[], maxRows: number): number[] {
  const rows = sizes.map((s) => {
    if (!(s > 0) || !Number.isFinite(s)) throw new InputError('E_USAGE', `learningCurve: sizes must be > 0, got ${s}`, { flag: '--sizes' });
    if (s <= 1 && !Number.isInteger(s)) return Math.max(1, Math.floor(s * maxRows));
    if (s === 1) return maxRows; // the fraction 1
    if (!Number.isInteger(s)) throw new InputError('E_USAGE', `learningCurve: ${s} is neither a fraction in (0, 1] nor a row count`, { flag: '--sizes' });
    if (s > maxRows) {
      throw new InputError('E_TOO_FEW_ROWS', `learningCurve: size ${s} exceeds the ${maxRows} training rows of the smallest fold`, { flag: '--sizes' });
    }
    return s;
  });
  return [...new Set(rows)].sort((a, b) => a - b);
}

/**
 * Learning curve: train and validation loss as the training set grows. For each fold the
 * training rows are shuffled once (seeded) and the model is trained on nested prefixes of
 * them, each time from the same fresh initialization, and judged on the fold's full
 * validation part. A validation loss that keeps falling with more data (the gap shrinking)
 * points to overfitting; a flat one with a persistent gap to a mismatch or model bias.
 * @example
 * const curve = await learningCurve({ model: 'mlp:32:relu', dataset: train, fit: { epochs: 50, batchSize: 32 } });
 * curve.points.map((p) => [p.x, p.validationMean]);
 */
export async function learningCurve(options: LearningCurveOptions): Promise<LearningCurve> {
  const { dataset } = options;
  const splitter = options.splitter ?? kFold({ folds: 5 });
  const folds = splitter.split(dataset.n, { labels: splitLabels(dataset), groups: options.groups });
  const maxRows = Math.min(...folds.map((f) => f.train.length));
  const sizes = trainingSizes(options.sizes ?? DEFAULT_LEARNING_CURVE_SIZES, maxRows);
  const events = options.events ?? silentChannel;
  const seed = options.seed ?? 0;
  const shuffle = options.shuffle ?? true;
  const total = folds.length * sizes.length;
  const trainLosses: number[][] = sizes.map(() => []);
  const validationLosses: number[][] = sizes.map(() => []);
  let name = typeof options.model === 'string' ? options.model : '';
  let done = 0;
  const units = folds.flatMap((fold, k) => {
    const order = shuffle ? createRng(hashSeed(seed, `learning-curve:${k}`)).shuffle(fold.train) : [...fold.train];
    return sizes.map((size, s) => ({ k, s, size, fold: { train: order.slice(0, size), validation: fold.validation } }));
  });
  // With an executor every (fold, size) run goes to it at once; otherwise (or when the fit options are not plain data) one after another here.
  const sent = options.executor === undefined ? undefined : await trainFoldsInPool(options, units.map((u) => u.fold), seed, units.map((u) => u.k));
  for (const [i, { k, s, size, fold }] of units.entries()) {
    const trained = sent?.[i] ?? (await trainFold(options, dataset, fold, k, seed));
    if (name === '') name = trained.model.spec;
    (trainLosses[s] as number[]).push(trained.train.loss);
    (validationLosses[s] as number[]).push(trained.validation.loss);
    done++;
    events.emit({ type: 'progress', task: `learning curve ${name}`, done, total, message: `fold ${k + 1}, ${size} rows` });
  }
  const points = sizes.map((size, s) => curvePoint(size, `${size} rows`, trainLosses[s] as number[], validationLosses[s] as number[]));
  const first = points[0];
  const last = points[points.length - 1];
  const gapFirst = first === undefined ? Number.NaN : first.validationMean - first.trainMean;
  const gapLast = last === undefined ? Number.NaN : last.validationMean - last.trainMean;
  const relativeDrop = (a: number, b: number) => (a !== 0 ? (a - b) / Math.abs(a) : 0);
  return {
    kind: 'learning',
    xTitle: 'training rows',
    model: name,
    points,
    best: bestPoint(points),
    gap: { first: gapFirst, last: gapLast },
    validationImprovement: relativeDrop(first?.validationMean ?? Number.NaN, last?.validationMean ?? Number.NaN),
    gapShrink: relativeDrop(gapFirst, gapLast),
  };
}
