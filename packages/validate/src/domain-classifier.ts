import { createRng, InputError } from '@losslens/core';
import type { Rng } from '@losslens/core';
import { rocAuc } from './auc.js';
import { pairOf, type FeatureTable } from './feature-table.js';
import { fitLogistic, logisticLogit } from './logistic-regression.js';
import { byStrength, checkAlpha, leadingFeatures, type FeatureShift, type ShiftTestResult } from './shift-result.js';
import { shuffleLabels } from './shuffle-labels.js';
import { stratifiedKFold } from './stratified-k-fold.js';

/** Options for {@link domainClassifierTest}. */
export interface DomainClassifierOptions {
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Label permutations for the null distribution of the AUC (default 100). */
  permutations?: number;
  /** Folds of the out-of-fold predictions (default 5). */
  folds?: number;
  /** Rows drawn at most from each sample (default 500). */
  maxRows?: number;
  /** Above this many features, classify on a seeded Gaussian random projection to this many (default 32). */
  maxFeatures?: number;
  /** L2 penalty of the logistic regression (default 0.01, on the mean log-loss). */
  l2?: number;
  seed?: number;
}

/**
 * Domain-classifier shift test: a logistic regression learns to tell train rows (label 0)
 * from test rows (label 1) on features standardized over both; its out-of-fold AUC
 * (stratified k-fold) is the statistic: 0.5 when the samples are alike, towards 1 when they
 * differ. The p-value comes from refitting on randomly relabelled rows:
 * p = (1 + #{AUC_perm ≥ AUC}) / (1 + permutations). The feature scores are the absolute
 * coefficients of a fit on all rows (standardized features, mapped back through the
 * projection when there is one); the drivers are, when the test rejects, the features
 * scoring at least half the top score (at most 5).
 * @example
 * const r = domainClassifierTest(train, test, { seed: 1 }); r.statistic; // out-of-fold AUC
 */
export function domainClassifierTest(train: FeatureTable, test: FeatureTable, options: DomainClassifierOptions = {}): ShiftTestResult {
  const alpha = checkAlpha(options.alpha ?? 0.05, 'domainClassifierTest');
  const permutations = options.permutations ?? 100;
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new InputError('E_USAGE', `domainClassifierTest: permutations must be a positive integer, got ${permutations}`);
  }
  const folds = options.folds ?? 5;
  const [a, b] = pairOf(train, test, folds);
  const rng = createRng(options.seed ?? 0);
  const rowsA = pick(a.n, options.maxRows ?? 500, rng.fork('rows-train'));
  const rowsB = pick(b.n, options.maxRows ?? 500, rng.fork('rows-test'));
  const m = rowsA.length + rowsB.length;
  const d = a.columns;
  // Pooled standardization (label-free, so the permutation null stays exact).
  const z = new Float64Array(m * d);
  for (let j = 0; j < d; j++) {
    let mean = 0;
    const values = new Float64Array(m);
    rowsA.forEach((i, r) => (values[r] = a.at(i, j)));
    rowsB.forEach((i, r) => (values[rowsA.length + r] = b.at(i, j)));
    for (const v of values) mean += v;
    mean /= m;
    let ss = 0;
    for (const v of values) ss += (v - mean) * (v - mean);
    const sd = Math.sqrt(ss / Math.max(1, m - 1)) || 1;
    for (let r = 0; r < m; r++) z[r * d + j] = ((values[r] as number) - mean) / sd;
  }
  const maxFeatures = options.maxFeatures ?? 32;
  const projection = d > maxFeatures ? gaussianProjection(d, maxFeatures, rng.fork('projection')) : undefined;
  const k = projection === undefined ? d : maxFeatures;
  const x = projection === undefined ? z : project(z, m, d, projection, k);
  const labels = new Uint8Array(m);
  labels.fill(1, rowsA.length);
  const l2 = options.l2 ?? 0.01;
  const outOfFoldAuc = (y: Uint8Array, seed: number): number => {
    const scores = new Float64Array(m);
    for (const fold of stratifiedKFold({ folds, shuffle: true, seed }).split(m, { labels: y })) {
      const model = fitLogistic(x, y, fold.train, k, { l2 });
      for (const i of fold.validation) scores[i] = logisticLogit(model, x, i);
    }
    return rocAuc(scores, y);
  };
  const seedOf = (label: string) => rng.fork(label).int(2 ** 31);
  const observed = outOfFoldAuc(labels, seedOf('folds'));
  const permRng = rng.fork('permutations');
  const permuted = labels.slice();
  let exceed = 0;
  for (let p = 0; p < permutations; p++) {
    shuffleLabels(permuted, permRng);
    if (outOfFoldAuc(permuted, permRng.int(2 ** 31)) >= observed - 1e-12) exceed++;
  }
  const pValue = (1 + exceed) / (1 + permutations);
  const shifted = pValue < alpha;
  const full = fitLogistic(x, labels, Array.from({ length: m }, (_, i) => i), k, { l2 });
  const coefficients = projection === undefined ? full.weights : backProject(full.weights, projection, d, k);
  const features: FeatureShift[] = Array.from({ length: d }, (_, j) => ({
    feature: a.names[j] as string,
    index: j,
    statistic: Math.abs(coefficients[j] as number),
  }));
  byStrength(features);
  return {
    test: 'domain-classifier',
    statistic: observed,
    pValue,
    alpha,
    shifted,
    drivers: leadingFeatures(features, shifted),
    features,
    details: {
      classifier: 'logistic-regression',
      folds,
      permutations,
      trainRows: rowsA.length,
      testRows: rowsB.length,
      projectedTo: projection === undefined ? null : k,
      coefficients: Array.from(coefficients),
    },
  };
}

function pick(n: number, max: number, rng: Rng): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return rng.permutation(n).slice(0, max);
}

function gaussianProjection(d: number, k: number, rng: Rng): Float64Array {
  const p = new Float64Array(d * k);
  const scale = 1 / Math.sqrt(k);
  for (let i = 0; i < d * k; i++) p[i] = rng.normal() * scale;
  return p;
}

function project(z: Float64Array, m: number, d: number, p: Float64Array, k: number): Float64Array {
  const out = new Float64Array(m * k);
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < d; j++) {
      const v = z[r * d + j] as number;
      if (v === 0) continue;
      for (let c = 0; c < k; c++) out[r * k + c] = (out[r * k + c] as number) + v * (p[j * k + c] as number);
    }
  }
  return out;
}

function backProject(w: Float64Array, p: Float64Array, d: number, k: number): Float64Array {
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += (p[j * k + c] as number) * (w[c] as number);
    out[j] = s;
  }
  return out;
}
