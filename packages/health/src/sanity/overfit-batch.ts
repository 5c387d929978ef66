import { InputError } from '@losslens/core';
import { subset } from '@losslens/data';
import { briefFit, type SanityOptions } from './brief-fit.js';

/** Options of {@link overfitOneBatch}. */
export interface OverfitBatchOptions extends SanityOptions {
  /** Rows of the batch (the first ones of `train`). Default 16. */
  rows?: number;
  /** Full-batch updates. Default 300. */
  steps?: number;
  /** Passes when the final loss is at most this share of the initial loss. Default 0.05. */
  lossRatio?: number;
}

/** What {@link overfitOneBatch} measured. */
export interface OverfitBatchResult {
  check: 'overfit-one-batch';
  passed: boolean;
  rows: number;
  steps: number;
  initialLoss: number;
  finalLoss: number;
  /** finalLoss / initialLoss, compared with `threshold`. */
  ratio: number;
  threshold: number;
  finalAccuracy?: number;
  finding: string;
}

/**
 * Overfit one small batch: trains a fresh model on the first `rows` rows of `train`
 * (full batch, `steps` updates) and checks that the loss falls to at most `lossRatio` × its
 * initial value. A model that cannot memorize 16 rows has a bug or an optimization problem
 * (rate, initialization, architecture), not too little capacity.
 * @example
 * const check = await overfitOneBatch({ model, train }); // check.passed, check.ratio
 */
export async function overfitOneBatch(options: OverfitBatchOptions): Promise<OverfitBatchResult> {
  const rows = Math.min(options.rows ?? 16, options.train.n);
  const steps = options.steps ?? 300;
  const threshold = options.lossRatio ?? 0.05;
  if (!Number.isInteger(rows) || rows < 1) throw new InputError('E_VALUE', `overfitOneBatch: rows must be a whole number ≥ 1, got ${options.rows}`);
  if (!Number.isInteger(steps) || steps < 1) throw new InputError('E_VALUE', `overfitOneBatch: steps must be a whole number ≥ 1, got ${options.steps}`);
  const batch = subset(options.train, Array.from({ length: rows }, (_, i) => i));
  const result = await briefFit(options, batch, undefined, { epochs: steps, batchSize: 'full' });
  const initialLoss = result.initialLoss;
  const finalLoss = result.final?.train.loss ?? Number.NaN;
  const ratio = finalLoss / initialLoss;
  const passed = Number.isFinite(ratio) && ratio <= threshold;
  const out: OverfitBatchResult = {
    check: 'overfit-one-batch',
    passed,
    rows,
    steps,
    initialLoss,
    finalLoss,
    ratio,
    threshold,
    finding: passed
      ? `the model memorizes ${rows} rows: loss ${initialLoss.toPrecision(3)} → ${finalLoss.toPrecision(3)} (${(100 * ratio).toPrecision(2)} % ≤ ${100 * threshold} %) in ${steps} steps`
      : `the model cannot overfit ${rows} rows: loss ${initialLoss.toPrecision(3)} → ${finalLoss.toPrecision(3)} (${(100 * ratio).toPrecision(2)} % > ${100 * threshold} %) in ${steps} steps: look for a bug or an optimization problem before adding capacity`,
  };
  if (result.final?.train.accuracy !== undefined) out.finalAccuracy = result.final.train.accuracy;
  return out;
}
