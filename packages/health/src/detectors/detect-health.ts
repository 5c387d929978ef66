import type { Detection } from '../detection.js';
import { healthThresholds, type HealthThresholds } from '../thresholds.js';
import type { HealthSignals } from '../signals.js';
import { detectDyingRelu, detectSaturation } from './activations.js';
import { detectExplodingGradients, detectVanishingGradients } from './gradients.js';
import { detectInitialLoss } from './initial-loss.js';
import { detectLearningRateTooLarge, detectLearningRateTooSmall } from './learning-rate.js';
import { detectOscillatingLoss, detectPlateau } from './loss-curve.js';
import { detectNonFinite } from './non-finite.js';

/** Options of {@link detectHealth}. */
export interface DetectHealthOptions {
  /** Overrides of {@link healthThresholds}. */
  thresholds?: Partial<HealthThresholds>;
}

/**
 * Runs every health detector on a run's recorded signals, in the order of `detectorNames`.
 * @example
 * const fired = detectHealth(signals).filter((d) => d.fired).map((d) => d.finding);
 */
export function detectHealth(signals: HealthSignals, options: DetectHealthOptions = {}): Detection[] {
  const t: HealthThresholds = { ...healthThresholds, ...options.thresholds };
  return [
    detectNonFinite(signals),
    detectVanishingGradients(signals, t),
    detectExplodingGradients(signals, t),
    detectDyingRelu(signals, t),
    detectSaturation(signals, t),
    detectOscillatingLoss(signals, t),
    detectPlateau(signals, t),
    detectLearningRateTooLarge(signals, t),
    detectLearningRateTooSmall(signals, t),
    detectInitialLoss(signals, t),
  ];
}
