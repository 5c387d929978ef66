import { fmt, type Detection } from '../detection.js';
import { healthThresholds, type HealthThresholds } from '../thresholds.js';
import type { HealthSignals } from '../signals.js';
import { finiteEpochs } from './shared.js';
import { expectedInitialLoss } from './initial-loss.js';

/** Share of epoch-to-epoch changes of `losses` that are relative increases above `step`, from a loss above `floor`. */
export function upShare(losses: readonly number[], step: number, floor = Number.NEGATIVE_INFINITY): number {
  if (losses.length < 2) return Number.NaN;
  let ups = 0;
  for (let i = 1; i < losses.length; i++) {
    const before = losses[i - 1] as number;
    if (before > floor && (losses[i] as number) > before * (1 + step)) ups += 1;
  }
  return ups / (losses.length - 1);
}

/**
 * Oscillating loss: at least `oscillationShare` of the epoch-to-epoch changes of the training
 * loss go up by more than `oscillationStep` (relative) from a loss above `oscillationFloor` ×
 * the initial loss, over the finite epochs (at least `oscillationMinEpochs`).
 * @example
 * detectOscillatingLoss(signals).value; // 0.45
 */
export function detectOscillatingLoss(signals: HealthSignals, thresholds: HealthThresholds = healthThresholds): Detection {
  const threshold = thresholds.oscillationShare;
  const epochs = finiteEpochs(signals);
  const losses = epochs.filter((e) => e.epoch > 0).map((e) => e.trainLoss);
  const floor = thresholds.oscillationFloor * (epochs[0]?.probeLoss ?? 0);
  if (losses.length < thresholds.oscillationMinEpochs) {
    return { detector: 'oscillating-loss', fired: false, finding: `needs ${thresholds.oscillationMinEpochs} finite epochs, has ${losses.length}`, value: Number.NaN, threshold };
  }
  const value = upShare(losses, thresholds.oscillationStep, floor);
  const fired = value >= threshold;
  return {
    detector: 'oscillating-loss',
    fired,
    finding: `${fmt(100 * value)} % of epochs raised the training loss by more than ${fmt(100 * thresholds.oscillationStep)} % (${fired ? 'oscillating: ' : ''}threshold ${fmt(100 * threshold)} %)`,
    value,
    threshold,
    values: { losses },
  };
}

/**
 * Plateau / slow convergence: the probe loss moved by less than `plateauImprovement` of its
 * value at initialization (from θ₀ to the mean of the last three epochs), or it ends no lower
 * than (1 − `plateauImprovement`) × the loss of a constant prediction (log C, var(y)): the
 * model learned nothing beyond the average.
 * @example
 * detectPlateau(signals).finding; // "the loss fell by 0.8 % of its initial value …"
 */
export function detectPlateau(signals: HealthSignals, thresholds: HealthThresholds = healthThresholds): Detection {
  const threshold = thresholds.plateauImprovement;
  const epochs = finiteEpochs(signals);
  const start = epochs[0]?.probeLoss ?? Number.NaN;
  const tail = epochs.slice(1).slice(-3).map((e) => e.probeLoss);
  if (tail.length === 0 || !(start > 0)) {
    return { detector: 'plateau', fired: false, finding: 'needs a positive initial loss and one finite epoch', value: Number.NaN, threshold };
  }
  const end = tail.reduce((a, b) => a + b, 0) / tail.length;
  const value = (start - end) / start;
  const constant = expectedInitialLoss(signals);
  const atConstant = constant > 0 && end >= (1 - threshold) * constant && end <= start;
  const fired = Math.abs(value) < threshold || atConstant;
  const moved = `the loss moved by ${fmt(100 * value)} % of its initial ${fmt(start)} in ${epochs.length - 1} epochs`;
  return {
    detector: 'plateau',
    fired,
    finding: fired
      ? Math.abs(value) < threshold
        ? `plateau: ${moved} (threshold ${fmt(100 * threshold)} %)`
        : `plateau: the loss ends at ${fmt(end)}, no better than a constant prediction (${fmt(constant)}); ${moved}`
      : `${moved} (plateau below ${fmt(100 * threshold)} %) and ends at ${fmt(end)}, below a constant prediction's ${fmt(constant)}`,
    value,
    threshold,
    values: { initial: start, final: end, constantPrediction: constant },
  };
}
