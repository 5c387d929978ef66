import { type Detection } from '../detection.js';
import type { HealthSignals } from '../signals.js';

/**
 * Non-finite loss or weights: the first epoch where the loss or any parameter block is NaN or
 * ±Infinity, and which blocks (in model order). `value` counts the non-finite quantities there
 * (the loss counts as one); it fires when that is above 0.
 * @example
 * const d = detectNonFinite(signals); // d.epoch === 4, d.layers === ['dense_1/kernel', …]
 */
export function detectNonFinite(signals: HealthSignals): Detection {
  for (const e of signals.epochs) {
    const lossBad = !Number.isFinite(e.trainLoss) || !Number.isFinite(e.probeLoss);
    const blocks = e.blocks.filter((b) => !b.finite).map((b) => b.block);
    if (!lossBad && blocks.length === 0) continue;
    const what = [
      lossBad ? `the loss is ${Number.isFinite(e.trainLoss) ? e.probeLoss : e.trainLoss}` : '',
      blocks.length > 0 ? `${blocks.length} parameter block(s) are non-finite, first ${blocks[0]}` : 'the weights are still finite (look at the inputs and the loss)',
    ].filter((s) => s.length > 0);
    return {
      detector: 'non-finite',
      fired: true,
      finding: `non-finite values from epoch ${e.epoch}: ${what.join('; ')}`,
      value: (lossBad ? 1 : 0) + blocks.length,
      threshold: 0,
      layers: blocks,
      epoch: e.epoch,
      values: { trainLoss: e.trainLoss, probeLoss: e.probeLoss },
    };
  }
  return { detector: 'non-finite', fired: false, finding: 'loss and weights stayed finite in every epoch', value: 0, threshold: 0 };
}
