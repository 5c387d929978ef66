import { createRng, InputError, type Dataset } from '@losslens/core';
import { featureSize, targetSize } from '@losslens/data';
import { briefFit, constantBaseline, type SanityOptions } from './brief-fit.js';

/** Options of {@link labelShuffleCheck}. */
export interface LabelShuffleOptions extends SanityOptions {
  validation: Dataset;
  /** Leak when the validation loss falls below (1 − tolerance) × the constant baseline. Default 0.05. */
  tolerance?: number;
}

/** What {@link labelShuffleCheck} measured. */
export interface LabelShuffleResult {
  check: 'label-shuffle';
  /** True when no leak was seen. */
  passed: boolean;
  /** Validation loss of the model trained on shuffled labels (evaluated against the shuffled validation labels). */
  validationLoss: number;
  /** The constant predictor's validation loss under the shuffled labels. */
  baselineLoss: number;
  /** validationLoss / baselineLoss, compared with `threshold` = 1 − tolerance. */
  ratio: number;
  threshold: number;
  /** Validation rows whose features equal a training row's. */
  sharedRows: number;
  finding: string;
}

/**
 * Gives every distinct feature row a label drawn by a seeded permutation of all labels, so
 * rows that appear in both sets get the same new label and nothing else links inputs to labels.
 */
export function shuffleLabelsByRow(train: Dataset, validation: Dataset, seed: number): { train: Dataset; validation: Dataset; sharedRows: number } {
  const d = featureSize(train);
  const t = targetSize(train);
  const n = train.n + validation.n;
  const keyOf = (ds: Dataset, i: number) => Array.from(ds.features.subarray(i * d, (i + 1) * d)).join(',');
  const ids = new Map<string, number>();
  const rowId: number[] = [];
  for (let i = 0; i < train.n; i++) rowId.push(ids.get(keyOf(train, i)) ?? ids.set(keyOf(train, i), ids.size).get(keyOf(train, i))!);
  const trainKeys = ids.size;
  let sharedRows = 0;
  for (let i = 0; i < validation.n; i++) {
    const key = keyOf(validation, i);
    const id = ids.get(key);
    if (id !== undefined && id < trainKeys) sharedRows += 1;
    rowId.push(id ?? ids.set(key, ids.size).get(key)!);
  }
  const pool = new Float32Array(n * t);
  pool.set(train.targets, 0);
  pool.set(validation.targets, train.n * t);
  const order = createRng(seed).fork('label-shuffle').permutation(n);
  const label = (row: number) => pool.subarray((order[rowId[row] as number] as number) * t, ((order[rowId[row] as number] as number) + 1) * t);
  const targets = (start: number, m: number) => {
    const out = new Float32Array(m * t);
    for (let i = 0; i < m; i++) out.set(label(start + i), i * t);
    return out;
  };
  return {
    train: { ...train, targets: targets(0, train.n), origin: `${train.origin} (labels shuffled)` },
    validation: { ...validation, targets: targets(train.n, validation.n), origin: `${validation.origin} (labels shuffled)` },
    sharedRows,
  };
}

/**
 * Label-shuffle check: retrains on labels shuffled by feature row (see {@link shuffleLabelsByRow})
 * and checks that the validation loss does not beat the constant baseline. With shuffled labels
 * nothing generalizes, so a validation loss below baseline means the validation data leak into
 * training (shared rows).
 * @example
 * const check = await labelShuffleCheck({ model, train, validation }); // check.passed === true: no leak
 */
export async function labelShuffleCheck(options: LabelShuffleOptions): Promise<LabelShuffleResult> {
  const tolerance = options.tolerance ?? 0.05;
  const threshold = 1 - tolerance;
  if (options.validation.n === 0) throw new InputError('E_TOO_FEW_ROWS', `labelShuffleCheck: validation data "${options.validation.name}" has no rows`);
  const shuffled = shuffleLabelsByRow(options.train, options.validation, options.seed ?? 0);
  const result = await briefFit(options, shuffled.train, shuffled.validation);
  const validationLoss = result.final?.validation?.loss ?? Number.NaN;
  const baselineLoss = constantBaseline(shuffled.train, shuffled.validation);
  const ratio = validationLoss / baselineLoss;
  const passed = !(ratio < threshold);
  return {
    check: 'label-shuffle',
    passed,
    validationLoss,
    baselineLoss,
    ratio,
    threshold,
    sharedRows: shuffled.sharedRows,
    finding: passed
      ? `with shuffled labels the validation loss ${validationLoss.toPrecision(3)} stays at or above the baseline ${baselineLoss.toPrecision(3)} (ratio ${ratio.toPrecision(3)} ≥ ${threshold}): no leak seen`
      : `with shuffled labels the validation loss ${validationLoss.toPrecision(3)} beats the baseline ${baselineLoss.toPrecision(3)} (ratio ${ratio.toPrecision(3)} < ${threshold}): validation data leak into training (${shuffled.sharedRows} validation rows equal training rows)`,
  };
}
