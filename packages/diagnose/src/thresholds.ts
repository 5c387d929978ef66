/**
 * Every threshold the decision tree uses, named and documented. Losses are compared in
 * units of the trivial baseline's loss (predict the training mean, or the class prior),
 * so one threshold serves every dataset. Reports show each threshold beside the value
 * it was compared with.
 */
export interface Thresholds {
  /**
   * A run "beats" another's loss when it is lower by more than
   * `max(marginOfBaseline × baseline, marginRelative × other)`. Default 0.05 and 0.1:
   * 5 % of the baseline and a tenth of the loss it is compared with. Comparison runs must beat
   * both the training and the validation loss, so a model that memorizes noise does not count.
   */
  marginOfBaseline: number;
  marginRelative: number;
  /**
   * A loss on held-out data is "large" when it exceeds the training loss by more than
   * `max(gapOfBaseline × baseline, gapRelative × train)`. Default 0.1 and 0.5.
   */
  gapOfBaseline: number;
  gapRelative: number;
  /**
   * With a test set: the validation gap must be at least this share of the test gap for the
   * test loss to count as overfitting (it shows on data split from training); below it, the
   * test data differ (mismatch). Default 0.5.
   */
  validationShareOfTestGap: number;
  /**
   * Learning curve: the held-out gap at the largest training size must shrink to at most this
   * share of the gap at the smallest size for "more data helps" (overfitting). Default 0.75.
   */
  learningCurveShrink: number;
  /**
   * Held-out gaps are compared with their noise: a validation gap counts as large only when it
   * also exceeds this many standard errors of the validation loss (the per-row losses' standard
   * deviation over √rows), so a difference inside a small split's noise decides nothing. Default 2.
   */
  standardErrors: number;
  /**
   * Decisive shift evidence: a KS statistic (largest per-feature D) at least this large means some
   * input's training and test ranges barely overlap. Default 0.9.
   */
  decisiveKs: number;
  /** Decisive shift evidence: a domain-classifier AUC at least this large. Default 0.95. */
  decisiveAuc: number;
  /**
   * With decisive shift evidence, a test gap at least this many times the validation gap is a
   * mismatch even when the validation gap is large too (the report says the model also overfits).
   * Default 1.5.
   */
  decisiveShiftGapRatio: number;
  /** Shift tests: overall significance level for the train-vs-test input tests (Bonferroni over tests). Default 0.05. */
  shiftAlpha: number;
  /**
   * Gradient-flow: the first layer's gradient norm below this fraction of the last layer's
   * means vanishing gradients; above its reciprocal, exploding. Default 1e-3.
   */
  vanishingRatio: number;
}

/** The defaults, documented on {@link Thresholds}. */
export const defaultThresholds: Thresholds = {
  marginOfBaseline: 0.05,
  marginRelative: 0.1,
  gapOfBaseline: 0.1,
  gapRelative: 0.5,
  validationShareOfTestGap: 0.5,
  learningCurveShrink: 0.75,
  standardErrors: 2,
  decisiveKs: 0.9,
  decisiveAuc: 0.95,
  decisiveShiftGapRatio: 1.5,
  shiftAlpha: 0.05,
  vanishingRatio: 1e-3,
};

/**
 * The margin by which `candidate` must be below `reference` to beat it.
 * @example
 * beats(0.05, 0.5, 1, defaultThresholds); // true: 0.05 < 0.5 − max(0.05, 0.05)
 */
export function beats(candidate: number, reference: number, baseline: number, t: Thresholds): boolean {
  return candidate < reference - Math.max(t.marginOfBaseline * baseline, t.marginRelative * reference);
}

/**
 * Whether a held-out loss is large compared with the training loss.
 * @example
 * gapIsLarge(0.5, 0.01, 1, defaultThresholds); // true
 */
export function gapIsLarge(heldOut: number, train: number, baseline: number, t: Thresholds): boolean {
  return heldOut - train > gapAllowance(train, baseline, t);
}

/** How far a held-out loss may exceed the training loss before it counts as large. */
export function gapAllowance(train: number, baseline: number, t: Thresholds): number {
  return Math.max(t.gapOfBaseline * baseline, t.gapRelative * Math.max(train, 0));
}
