import { InputError } from '@losslens/core';
import { gcd, kolmogorovSf, ksTwoSampleExactSf } from './kolmogorov-distribution.js';
import { pairOf, type FeatureTable } from './feature-table.js';
import { holmAdjust } from './multiple-testing.js';
import { byStrength, checkAlpha, type FeatureShift, type ShiftTestResult } from './shift-result.js';

/** How the KS p-value is computed. */
export type KsMethod = 'auto' | 'exact' | 'asymp';

/** One two-sample KS test. */
export interface KsResult {
  /** D = sup |F₁ − F₂| over the pooled values. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'asymp';
  /** Where the sup is reached, and its sign (+1 when F₁ > F₂ there). */
  location: number;
  sign: 1 | -1;
}

/** Largest n1·n2 for which `auto` uses the exact distribution (O(n1·n2) work). */
export const KS_EXACT_LIMIT = 4_000_000;

/**
 * Two-sample two-sided Kolmogorov–Smirnov test with scipy's `ks_2samp` semantics. `exact`
 * counts lattice paths (scipy's `method='exact'`); `asymp` is scipy's `kstwo.sf(D, round(n1·n2/(n1+n2)))`.
 * `auto` (default) is exact when max(n1, n2) ≤ 10,000 and n1·n2 ≤ {@link KS_EXACT_LIMIT},
 * asymptotic otherwise (scipy's auto uses only the first condition).
 * @example
 * ks2Sample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]); // { statistic: 1, pValue: 0.0079365…, method: 'exact', … }
 */
export function ks2Sample(a: ArrayLike<number>, b: ArrayLike<number>, options: { method?: KsMethod } = {}): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new InputError('E_TOO_FEW_ROWS', 'ks2Sample: both samples need at least one value');
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  // Walk the pooled values; compare ECDFs after all copies of a value (searchsorted 'right').
  let i = 0;
  let j = 0;
  let best = 0;
  let bestSigned = 0;
  let location = Math.min(x[0] as number, y[0] as number);
  while (i < n1 || j < n2) {
    const v = Math.min(i < n1 ? (x[i] as number) : Infinity, j < n2 ? (y[j] as number) : Infinity);
    while (i < n1 && (x[i] as number) <= v) i++;
    while (j < n2 && (y[j] as number) <= v) j++;
    const diff = i * n2 - j * n1; // n1·n2·(F1 − F2)
    if (Math.abs(diff) > best) {
      best = Math.abs(diff);
      bestSigned = diff;
      location = v;
    }
  }
  const statistic = best / (n1 * n2);
  const method = options.method ?? 'auto';
  const useExact = method === 'exact' || (method === 'auto' && Math.max(n1, n2) <= 10_000 && n1 * n2 <= KS_EXACT_LIMIT);
  if (useExact) {
    const h = Math.round(best / gcd(n1, n2));
    return { statistic, pValue: ksTwoSampleExactSf(n1, n2, h), method: 'exact', location, sign: bestSigned < 0 ? -1 : 1 };
  }
  const en = Math.round((n1 * n2) / (n1 + n2));
  return { statistic, pValue: kolmogorovSf(en, statistic), method: 'asymp', location, sign: bestSigned < 0 ? -1 : 1 };
}

/** Options for {@link ksTest}. */
export interface KsTestOptions {
  /** Family-wise significance level over the features (default 0.05). */
  alpha?: number;
  method?: KsMethod;
}

/**
 * Per-feature two-sample KS tests between train and test inputs, Holm-adjusted over the
 * features. The overall p-value is the smallest adjusted one; the drivers are the features
 * whose adjusted p-value is below `alpha`, largest D first.
 * @example
 * const r = ksTest(trainDataset, testDataset); r.shifted; r.drivers; // e.g. ['x2']
 */
export function ksTest(train: FeatureTable, test: FeatureTable, options: KsTestOptions = {}): ShiftTestResult {
  const alpha = checkAlpha(options.alpha ?? 0.05, 'ksTest');
  const [a, b] = pairOf(train, test);
  const results = Array.from({ length: a.columns }, (_, j) => ks2Sample(a.column(j), b.column(j), { method: options.method ?? 'auto' }));
  const adjusted = holmAdjust(results.map((r) => r.pValue));
  const features: FeatureShift[] = results.map((r, j) => ({
    feature: a.names[j] as string,
    index: j,
    statistic: r.statistic,
    pValue: r.pValue,
    adjustedPValue: adjusted[j] as number,
  }));
  byStrength(features);
  const pValue = Math.min(...adjusted);
  const shifted = pValue < alpha;
  return {
    test: 'ks',
    statistic: Math.max(...results.map((r) => r.statistic)),
    pValue,
    alpha,
    shifted,
    drivers: features.filter((f) => (f.adjustedPValue as number) < alpha).map((f) => f.feature),
    features,
    details: { trainRows: a.n, testRows: b.n, methods: [...new Set(results.map((r) => r.method))], correction: 'holm' },
  };
}
