import { createRng, InputError } from '@losslens/core';
import { pairOf, type FeatureTable } from './feature-table.js';
import { byStrength, checkAlpha, type FeatureShift, type ShiftTestResult } from './shift-result.js';
import { shuffleLabels } from './shuffle-labels.js';

/**
 * 1-D Wasserstein-1 (earth mover's) distance between two samples, optionally weighted:
 * ∫ |F_u − F_v| dx, as scipy's `wasserstein_distance(u, v, u_weights, v_weights)`.
 * @example
 * wasserstein1d([0, 1, 3], [5, 6, 8]); // 5
 */
export function wasserstein1d(
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  uWeights?: ArrayLike<number>,
  vWeights?: ArrayLike<number>,
): number {
  if (u.length === 0 || v.length === 0) throw new InputError('E_TOO_FEW_ROWS', 'wasserstein1d: both samples need at least one value');
  const cdfOf = (values: ArrayLike<number>, weights: ArrayLike<number> | undefined, who: string) => {
    if (weights !== undefined && weights.length !== values.length) {
      throw new InputError('E_SHAPE', `wasserstein1d: ${who} has ${weights.length} weights for ${values.length} values`);
    }
    const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
    const sorted = order.map((i) => values[i] as number);
    const w = order.map((i) => (weights === undefined ? 1 : (weights[i] as number)));
    if (w.some((x) => !(x >= 0))) throw new InputError('E_VALUE', `wasserstein1d: ${who} weights must be non-negative`);
    const total = w.reduce((s, x) => s + x, 0);
    if (!(total > 0)) throw new InputError('E_VALUE', `wasserstein1d: ${who} weights sum to zero`);
    const cumulative: number[] = [];
    let run = 0;
    for (const x of w) cumulative.push((run += x) / total);
    return { sorted, cumulative };
  };
  const U = cdfOf(u, uWeights, 'u');
  const V = cdfOf(v, vWeights, 'v');
  const all = [...U.sorted, ...V.sorted].sort((a, b) => a - b);
  // F at t = cumulative weight of values <= t.
  const cdfAt = (side: { sorted: number[]; cumulative: number[] }, t: number, state: { k: number }) => {
    while (state.k < side.sorted.length && (side.sorted[state.k] as number) <= t) state.k++;
    return state.k === 0 ? 0 : (side.cumulative[state.k - 1] as number);
  };
  const su = { k: 0 };
  const sv = { k: 0 };
  let distance = 0;
  for (let i = 0; i + 1 < all.length; i++) {
    const t = all[i] as number;
    const width = (all[i + 1] as number) - t;
    const fu = cdfAt(U, t, su);
    const fv = cdfAt(V, t, sv);
    if (width > 0) distance += width * Math.abs(fu - fv);
  }
  return distance;
}

/** Options for {@link wassersteinDistance}. */
export interface WassersteinOptions {
  /** Family-wise significance level over the features (default 0.05). */
  alpha?: number;
  /** Label permutations for the p-values (default 200; 0 = no p-values, decide by `threshold`). */
  permutations?: number;
  /** Standardized distance at or above which a feature counts as shifted when `permutations` is 0 (default 0.25). */
  threshold?: number;
  seed?: number;
}

/**
 * Per-feature Wasserstein-1 distances between train and test inputs. The reported statistic
 * is in units of the training feature's standard deviation (a constant feature uses 1).
 * P-values come from one permutation null shared by all features (Westfall–Young single-step
 * maxT on W1 in pooled-std units): the rows are relabelled at random `permutations` times;
 * a feature's adjusted p-value is (1 + #{permutations whose largest feature distance ≥ its
 * distance}) / (1 + permutations), which controls the family-wise error over the features
 * without Holm's factor d; `pValue` is the unadjusted per-feature permutation p-value. With
 * `permutations: 0` there is no p-value and a feature is shifted when its standardized
 * distance reaches `threshold`.
 * @example
 * const r = wassersteinDistance(train, test, { seed: 1 }); r.features[0]; // { feature: 'x2', statistic: 1.02, … }
 */
export function wassersteinDistance(train: FeatureTable, test: FeatureTable, options: WassersteinOptions = {}): ShiftTestResult {
  const alpha = checkAlpha(options.alpha ?? 0.05, 'wassersteinDistance');
  const permutations = options.permutations ?? 200;
  if (!Number.isInteger(permutations) || permutations < 0) {
    throw new InputError('E_USAGE', `wassersteinDistance: permutations must be a non-negative integer, got ${permutations}`);
  }
  const threshold = options.threshold ?? 0.25;
  const [a, b] = pairOf(train, test);
  const d = a.columns;
  const m = a.n + b.n;
  const pooled = Array.from({ length: d }, (_, j) => pooledSorted(a.column(j), b.column(j)));
  const observedRaw = pooled.map((p) => labelledW1(p.values, p.isFirst, a.n, b.n));
  const trainScale = Array.from({ length: d }, (_, j) => standardDeviation(a.column(j)) || 1);
  const pooledScale = pooled.map((p) => standardDeviation(p.values) || 1);
  const observed = observedRaw.map((w, j) => w / (pooledScale[j] as number));
  const features: FeatureShift[] = observedRaw.map((w, j) => ({
    feature: a.names[j] as string,
    index: j,
    statistic: w / (trainScale[j] as number),
  }));
  let pValue: number | undefined;
  if (permutations > 0) {
    const rng = createRng(options.seed ?? 0);
    const rowLabels = new Uint8Array(m);
    rowLabels.fill(1, 0, a.n);
    const sortedLabels = new Uint8Array(m);
    const exceedOwn = new Array<number>(d).fill(0);
    const exceedMax = new Array<number>(d).fill(0);
    const tolerance = (x: number) => x - 1e-12 * Math.abs(x);
    for (let p = 0; p < permutations; p++) {
      shuffleLabels(rowLabels, rng);
      let largest = 0;
      for (let j = 0; j < d; j++) {
        const { values, origin } = pooled[j] as ReturnType<typeof pooledSorted>;
        for (let k = 0; k < m; k++) sortedLabels[k] = rowLabels[origin[k] as number] as number;
        const t = labelledW1(values, sortedLabels, a.n, b.n) / (pooledScale[j] as number);
        if (t >= tolerance(observed[j] as number)) exceedOwn[j] = (exceedOwn[j] as number) + 1;
        if (t > largest) largest = t;
      }
      for (let j = 0; j < d; j++) if (largest >= tolerance(observed[j] as number)) exceedMax[j] = (exceedMax[j] as number) + 1;
    }
    features.forEach((f, j) => {
      f.pValue = (1 + (exceedOwn[j] as number)) / (1 + permutations);
      f.adjustedPValue = (1 + (exceedMax[j] as number)) / (1 + permutations);
    });
    pValue = Math.min(...features.map((f) => f.adjustedPValue as number));
  }
  byStrength(features);
  const drivers =
    pValue !== undefined
      ? features.filter((f) => (f.adjustedPValue as number) < alpha).map((f) => f.feature)
      : features.filter((f) => f.statistic >= threshold).map((f) => f.feature);
  const statistic = Math.max(...features.map((f) => f.statistic));
  const result: ShiftTestResult = {
    test: 'wasserstein',
    statistic,
    alpha,
    shifted: pValue !== undefined ? pValue < alpha : statistic >= threshold,
    drivers,
    features,
    details: {
      units: 'train standard deviations',
      raw: observedRaw,
      permutations,
      correction: permutations > 0 ? 'westfall-young maxT (W1 in pooled std units)' : 'none',
    },
  };
  if (pValue !== undefined) result.pValue = pValue;
  else result.threshold = threshold;
  return result;
}

/** Pooled values sorted, with 1 where the value came from the first sample, and each value's pooled row. */
function pooledSorted(x: Float64Array, y: Float64Array): { values: Float64Array; isFirst: Uint8Array; origin: Int32Array } {
  const m = x.length + y.length;
  const order = Array.from({ length: m }, (_, i) => i);
  const valueOf = (i: number) => (i < x.length ? (x[i] as number) : (y[i - x.length] as number));
  order.sort((p, q) => valueOf(p) - valueOf(q));
  const values = new Float64Array(m);
  const isFirst = new Uint8Array(m);
  const origin = Int32Array.from(order);
  order.forEach((i, k) => {
    values[k] = valueOf(i);
    isFirst[k] = i < x.length ? 1 : 0;
  });
  return { values, isFirst, origin };
}

/** W1 between the two labelled groups of sorted pooled values, O(m). */
function labelledW1(values: Float64Array, isFirst: Uint8Array, n1: number, n2: number): number {
  let c1 = 0;
  let c2 = 0;
  let distance = 0;
  for (let k = 0; k + 1 < values.length; k++) {
    if (isFirst[k] === 1) c1++;
    else c2++;
    const width = (values[k + 1] as number) - (values[k] as number);
    if (width > 0) distance += width * Math.abs(c1 / n1 - c2 / n2);
  }
  return distance;
}

function standardDeviation(x: Float64Array): number {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) * (v - mean);
  return x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0;
}
