/**
 * The common shape of every train-vs-test shift test's answer.
 */
import { InputError } from '@losslens/core';

/** One feature's part in a shift test. */
export interface FeatureShift {
  /** Column name. */
  feature: string;
  /** Column index. */
  index: number;
  /** The per-feature statistic (KS D, Wasserstein in train-std units, 1-D MMD², |coefficient|). */
  statistic: number;
  /** Per-feature p-value, when the test has one. */
  pValue?: number;
  /** P-value adjusted for testing every feature (Holm for KS, Westfall–Young maxT for Wasserstein), when the test has per-feature p-values. */
  adjustedPValue?: number;
}

/** The answer of a shift test: statistic, p-value or threshold, verdict, and the features behind it. */
export interface ShiftTestResult {
  test: 'ks' | 'wasserstein' | 'mmd' | 'domain-classifier';
  /** The overall statistic (max KS D, max standardized W1, MMD², out-of-fold AUC). */
  statistic: number;
  /** The overall p-value (per-feature tests: the smallest adjusted p-value). */
  pValue?: number;
  /** The decision threshold on the statistic when there is no p-value. */
  threshold?: number;
  /** Significance level used for `shifted` and `drivers`. */
  alpha: number;
  /** Whether the test finds the two samples differ (p < alpha, or statistic ≥ threshold). */
  shifted: boolean;
  /** Names of the features that drive the difference (empty when `shifted` is false), strongest first. */
  drivers: string[];
  /** Every feature, strongest first. */
  features: FeatureShift[];
  /** Test-specific numbers (bandwidth, permutations, sample sizes, …). */
  details: Record<string, unknown>;
}

/** Sorts per-feature results strongest first (ties by column index). */
export function byStrength(features: FeatureShift[]): FeatureShift[] {
  return features.sort((a, b) => b.statistic - a.statistic || a.index - b.index);
}

/**
 * The drivers of a multivariate test: when shifted, the features whose score is at least
 * `fraction` of the top score, at most `limit` of them.
 */
export function leadingFeatures(sorted: readonly FeatureShift[], shifted: boolean, fraction = 0.5, limit = 5): string[] {
  if (!shifted || sorted.length === 0) return [];
  const top = (sorted[0] as FeatureShift).statistic;
  if (!(top > 0)) return [];
  return sorted.filter((f) => f.statistic >= fraction * top).slice(0, limit).map((f) => f.feature);
}

/** Throws InputError `E_USAGE` unless `alpha` is in (0, 1). */
export function checkAlpha(alpha: number, who: string): number {
  if (!(alpha > 0 && alpha < 1)) throw new InputError('E_USAGE', `${who}: alpha must be in (0, 1), got ${alpha}`);
  return alpha;
}
