import { fmt, layerOf, median, type Detection } from '../detection.js';
import { healthThresholds, type HealthThresholds } from '../thresholds.js';
import type { HealthSignals } from '../signals.js';
import { finiteEpochs, series, weightBlocks } from './shared.js';

/**
 * Each weight block's median update/weight ratio over the finite trained epochs, and the median
 * over all of them; exact zeros (a block whose gradient was zero) are left out.
 */
export function updateRatios(signals: HealthSignals): { blocks: string[]; perBlock: number[]; overall: number } {
  const epochs = finiteEpochs(signals).filter((e) => e.epoch > 0);
  const blocks = weightBlocks(signals);
  const all = blocks.map((b) => series(epochs, b, (s) => (s.updateRatio === 0 ? Number.NaN : s.updateRatio)));
  return { blocks, perBlock: all.map(median), overall: median(all.flat()) };
}

function rateDetector(signals: HealthSignals, large: boolean, thresholds: HealthThresholds): Detection {
  const detector = large ? 'learning-rate-too-large' : 'learning-rate-too-small';
  const threshold = large ? thresholds.maxUpdateRatio : thresholds.minUpdateRatio;
  const { blocks, perBlock, overall } = updateRatios(signals);
  const values = { blocks, updateRatios: perBlock };
  if (!Number.isFinite(overall)) return { detector, fired: false, finding: 'no finite non-zero update/weight ratios (no trained epoch, or the weights never moved)', value: Number.NaN, threshold, values };
  const fired = large ? overall > threshold : overall < threshold;
  const layers = blocks.filter((_, i) => (large ? (perBlock[i] as number) > threshold : (perBlock[i] as number) < threshold)).map(layerOf);
  const word = large ? 'above' : 'below';
  return {
    detector,
    fired,
    finding: fired
      ? `learning rate too ${large ? 'large' : 'small'}: median update/weight ratio ${fmt(overall)} is ${word} ${threshold}${layers.length > 0 ? ` (${layers.join(', ')})` : ''}`
      : `median update/weight ratio ${fmt(overall)} (too ${large ? 'large' : 'small'} ${word} ${threshold})`,
    value: overall,
    threshold,
    layers: fired ? layers : [],
    values,
  };
}

/**
 * Learning rate too large: the median update/weight ratio ‖Δθ‖/‖θ‖ of the weight blocks is
 * above `maxUpdateRatio` (the usual healthy value is about 1e-3).
 * @example
 * detectLearningRateTooLarge(signals).value; // 0.2
 */
export function detectLearningRateTooLarge(signals: HealthSignals, thresholds: HealthThresholds = healthThresholds): Detection {
  return rateDetector(signals, true, thresholds);
}

/**
 * Learning rate too small: the median update/weight ratio of the weight blocks is below `minUpdateRatio`.
 * @example
 * detectLearningRateTooSmall(signals).fired;
 */
export function detectLearningRateTooSmall(signals: HealthSignals, thresholds: HealthThresholds = healthThresholds): Detection {
  return rateDetector(signals, false, thresholds);
}
