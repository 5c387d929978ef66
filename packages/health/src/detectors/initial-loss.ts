import { fmt, type Detection } from '../detection.js';
import { healthThresholds, type HealthThresholds } from '../thresholds.js';
import type { HealthSignals } from '../signals.js';

/**
 * The loss a well-initialized model starts from: log C for softmax cross-entropy over C
 * classes (uniform predictions), the targets' variance for MSE (predicting their mean; 1 for
 * standardized targets). NaN for a custom loss.
 * @example
 * expectedInitialLoss(signals); // Math.log(3) for 3 classes
 */
export function expectedInitialLoss(signals: HealthSignals): number {
  if (!signals.defaultLoss) return Number.NaN;
  if (signals.task === 'classification') return Math.log(Math.max(2, signals.outputs));
  return signals.targetVariance ?? Number.NaN;
}

/**
 * Loss at initialization far from its expected value: loss₀ / {@link expectedInitialLoss} above
 * `initialLossFactor` or below its inverse, which points to a bad initialization (over-confident
 * outputs) or to labels that are not what the loss expects.
 * @example
 * detectInitialLoss(signals).value; // 8.4 (× log C)
 */
export function detectInitialLoss(signals: HealthSignals, thresholds: HealthThresholds = healthThresholds): Detection {
  const threshold = thresholds.initialLossFactor;
  const expected = expectedInitialLoss(signals);
  const initial = signals.epochs[0]?.probeLoss ?? Number.NaN;
  if (!(expected > 0) || !Number.isFinite(initial)) {
    return { detector: 'initial-loss', fired: false, finding: 'no expected initial loss for this loss or no finite initial loss', value: Number.NaN, threshold, values: { initial, expected } };
  }
  const value = initial / expected;
  const fired = value > threshold || value < 1 / threshold;
  const name = signals.task === 'classification' ? `log ${signals.outputs}` : 'var(y)';
  const uncentered = signals.task === 'regression' && (signals.targetMeanSquare ?? 0) > expected;
  const advice = uncentered ? 'the targets are far from mean 0: standardize them' : 'check the initialization and the labels';
  return {
    detector: 'initial-loss',
    fired,
    finding: `loss at initialization ${fmt(initial)} is ${fmt(value)} × the expected ${name} = ${fmt(expected)}${fired ? ` (outside 1/${threshold}–${threshold}×: ${advice})` : ` (within 1/${threshold}–${threshold}×)`}`,
    value,
    threshold,
    epoch: 0,
    values: { initial, expected, ...(signals.targetMeanSquare === undefined ? {} : { targetMeanSquare: signals.targetMeanSquare }) },
  };
}
