/// <reference path="./types/jstat.d.ts" />
/**
 * Spearman's rank correlation with its two-sided p-value, the summary the critical-point study
 * prints beside its scatter (does a larger minimum ratio go with a lower training loss?).
 */
import jStat from 'jstat';
import { InputError } from '@losslens/core';

/** Spearman's ρ between two samples, with the test of ρ = 0. */
export interface RankCorrelation {
  /** Pearson's correlation of the ranks (ties get their average rank), in [−1, 1]. */
  rho: number;
  /**
   * Two-sided p-value of ρ = 0 from t = ρ·√((n − 2)/(1 − ρ²)) with n − 2 degrees of freedom (as
   * scipy.stats.spearmanr); NaN when n < 3 or a sample is constant.
   */
  pValue: number;
  n: number;
}

/** Ranks 1 … n, ties sharing their average rank. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]!.index] = rank;
    start = end + 1;
  }
  return out;
}

/**
 * Spearman's rank correlation of paired samples `x`, `y` and its two-sided p-value.
 * @example
 * spearman([1, 2, 3, 4], [10, 9, 8, 7]); // { rho: -1, pValue: 0, n: 4 }
 */
export function spearman(x: readonly number[], y: readonly number[]): RankCorrelation {
  if (x.length !== y.length) throw new InputError('E_SHAPE', `Spearman's correlation needs paired samples, got ${x.length} and ${y.length} values`);
  if (![...x, ...y].every(Number.isFinite)) throw new InputError('E_VALUE', "Spearman's correlation needs finite values");
  const n = x.length;
  if (n < 2) return { rho: Number.NaN, pValue: Number.NaN, n };
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i]! - mean;
    const dy = ry[i]! - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return { rho: Number.NaN, pValue: Number.NaN, n };
  const rho = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  if (n < 3) return { rho, pValue: Number.NaN, n };
  const degrees = n - 2;
  if (Math.abs(rho) === 1) return { rho, pValue: 0, n };
  const t = Math.abs(rho) * Math.sqrt(degrees / ((1 - rho) * (1 + rho)));
  // 2·P(T ≤ −|t|): the lower tail keeps its precision where 1 − cdf(|t|) would round to 0
  return { rho, pValue: Math.min(1, 2 * jStat.studentt.cdf(-t, degrees)), n };
}
