/**
 * The named thresholds of the health detectors. Every detection reports the measured value
 * next to the threshold it was compared with; override any of them per call.
 */
export interface HealthThresholds {
  /**
   * Vanishing gradients: a weight block's probe-gradient norm below this share of the output
   * layer's (the last weight block's) gradient norm (median over the recorded epochs). Default 0.03.
   */
  vanishingRatio: number;
  /**
   * Exploding gradients: a weight block's probe-gradient norm above this many times the
   * smallest weight block's (median over epochs) — gradients growing toward the input. Default 100.
   */
  explodingRatio: number;
  /**
   * Exploding gradients: a weight block's probe-gradient norm above this value in any epoch,
   * for regression divided by the targets' standard deviation (the MSE gradient scales with
   * it), so it reads the same for standardized and raw targets. Default 100.
   */
  explodingNorm: number;
  /**
   * Exploding gradients: a weight block's probe-gradient norm that grows above this many times
   * its value at initialization (in any epoch). Default 1000.
   */
  explodingGrowth: number;
  /** Dying ReLU: share of a ReLU layer's units dead on the probe batch at the last epoch. Default 0.5. */
  deadShare: number;
  /** Saturation: share of a tanh/sigmoid layer's units saturated on the probe batch at the last epoch. Default 0.5. */
  saturatedShare: number;
  /**
   * Oscillating loss: share of epoch-to-epoch changes of the training loss that are increases of
   * more than {@link HealthThresholds.oscillationStep} (relative). Default 0.2.
   */
  oscillationShare: number;
  /** The relative increase of the training loss that counts as a step up. Default 0.1 (10 %). */
  oscillationStep: number;
  /**
   * A step up counts only while the loss is above this share of its initial value: the
   * wiggles of a loss that is already near 0 are not oscillation. Default 0.005.
   */
  oscillationFloor: number;
  /** Oscillation needs at least this many epochs to be judged. Default 6. */
  oscillationMinEpochs: number;
  /**
   * Plateau: the probe loss moved by less than this share of its initial value over the run
   * (from θ₀ to the mean of the last three epochs), or ended within this share of the loss of a
   * constant prediction (log C, var(y)) without getting below it. Default 0.05.
   */
  plateauImprovement: number;
  /** Learning rate too large: median update/weight ratio of the weight blocks above this. Default 0.03. */
  maxUpdateRatio: number;
  /** Learning rate too small: median non-zero update/weight ratio of the weight blocks below this (zero updates mean zero gradients, not a small rate). Default 1e-5. */
  minUpdateRatio: number;
  /** Loss at initialization: fires when loss₀ / expected is above this factor (or below its inverse). Default 10. */
  initialLossFactor: number;
}

/**
 * The default thresholds (see {@link HealthThresholds} for what each means).
 * @example
 * detectHealth(signals, { thresholds: { ...healthThresholds, deadShare: 0.7 } });
 */
export const healthThresholds: Readonly<HealthThresholds> = Object.freeze({
  vanishingRatio: 0.03,
  explodingRatio: 100,
  explodingNorm: 100,
  explodingGrowth: 1000,
  deadShare: 0.5,
  saturatedShare: 0.5,
  oscillationShare: 0.2,
  oscillationStep: 0.1,
  oscillationFloor: 0.005,
  oscillationMinEpochs: 6,
  plateauImprovement: 0.05,
  maxUpdateRatio: 0.03,
  minUpdateRatio: 1e-5,
  initialLossFactor: 10,
});
