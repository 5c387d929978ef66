import { createRng, InputError } from '@losslens/core';
import type { Rng } from '@losslens/core';
import { pairOf, type Columns, type FeatureTable } from './feature-table.js';
import { byStrength, checkAlpha, leadingFeatures, type FeatureShift, type ShiftTestResult } from './shift-result.js';
import { shuffleLabels } from './shuffle-labels.js';

/** Options for {@link mmdTest}. */
export interface MmdOptions {
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Label permutations for the p-value (default 200). */
  permutations?: number;
  /** Rows drawn at most from each sample (default 300; the kernel matrix is (n₁+n₂)²). */
  maxRows?: number;
  /** Rows per sample for the per-feature scores (default 150). */
  maxRowsPerFeature?: number;
  /** RBF bandwidth σ in standardized units (default: the median pairwise distance). */
  bandwidth?: number;
  seed?: number;
}

/**
 * Kernel two-sample test (Gretton et al. 2012): the unbiased MMD² between train and test
 * inputs with the RBF kernel k(x, y) = exp(−‖x − y‖² / (2σ²)) on features standardized by
 * the pooled mean and std, σ the median pairwise distance (median heuristic), and a
 * permutation p-value p = (1 + #{MMD²_perm ≥ MMD²}) / (1 + permutations). Samples larger than
 * `maxRows` are subsampled at random. Each feature's score is its own 1-D MMD² (its own
 * median bandwidth); the drivers are, when the test rejects, the features scoring at least
 * half the top score (at most 5).
 * @example
 * const r = mmdTest(train, test, { seed: 1 }); r.pValue; r.drivers;
 */
export function mmdTest(train: FeatureTable, test: FeatureTable, options: MmdOptions = {}): ShiftTestResult {
  const alpha = checkAlpha(options.alpha ?? 0.05, 'mmdTest');
  const permutations = options.permutations ?? 200;
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new InputError('E_USAGE', `mmdTest: permutations must be a positive integer, got ${permutations}`);
  }
  const [a, b] = pairOf(train, test, 2);
  const rng = createRng(options.seed ?? 0);
  const rowsA = pick(a.n, options.maxRows ?? 300, rng.fork('rows-train'));
  const rowsB = pick(b.n, options.maxRows ?? 300, rng.fork('rows-test'));
  const allColumns = Array.from({ length: a.columns }, (_, j) => j);
  const points = standardizedPoints(a, b, rowsA, rowsB, allColumns);
  const kernel = rbfKernel(points, allColumns.length, options.bandwidth);
  const n1 = rowsA.length;
  const n2 = rowsB.length;
  const labels = new Uint8Array(n1 + n2);
  labels.fill(1, 0, n1);
  const observed = unbiasedMmd2(kernel.matrix, labels, n1, n2);
  let exceed = 0;
  const permRng = rng.fork('permutations');
  const permuted = labels.slice();
  for (let p = 0; p < permutations; p++) {
    shuffleLabels(permuted, permRng);
    if (unbiasedMmd2(kernel.matrix, permuted, n1, n2) >= observed - 1e-12 * Math.abs(observed)) exceed++;
  }
  const pValue = (1 + exceed) / (1 + permutations);
  const shifted = pValue < alpha;
  // Per-feature 1-D MMD² on a smaller subsample.
  const perFeature = options.maxRowsPerFeature ?? 150;
  const fa = rowsA.slice(0, perFeature);
  const fb = rowsB.slice(0, perFeature);
  const featureLabels = new Uint8Array(fa.length + fb.length);
  featureLabels.fill(1, 0, fa.length);
  const features: FeatureShift[] = allColumns.map((j) => {
    const pts = standardizedPoints(a, b, fa, fb, [j]);
    const k = rbfKernel(pts, 1, undefined);
    return { feature: a.names[j] as string, index: j, statistic: Math.max(0, unbiasedMmd2(k.matrix, featureLabels, fa.length, fb.length)) };
  });
  byStrength(features);
  return {
    test: 'mmd',
    statistic: observed,
    pValue,
    alpha,
    shifted,
    drivers: leadingFeatures(features, shifted),
    features,
    details: { bandwidth: kernel.bandwidth, permutations, trainRows: n1, testRows: n2, kernel: 'rbf', standardized: 'pooled' },
  };
}

/** Unbiased MMD² from the pooled kernel matrix and group labels (1 = first sample). */
export function unbiasedMmd2(matrix: Float64Array, labels: Uint8Array, n1: number, n2: number): number {
  const m = labels.length;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    const li = labels[i];
    const row = i * m;
    for (let j = i + 1; j < m; j++) {
      const k = matrix[row + j] as number;
      if (li === labels[j]) {
        if (li === 1) sxx += k;
        else syy += k;
      } else {
        sxy += k;
      }
    }
  }
  return (2 * sxx) / (n1 * (n1 - 1)) + (2 * syy) / (n2 * (n2 - 1)) - (2 * sxy) / (n1 * n2);
}

function pick(n: number, max: number, rng: Rng): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return rng.permutation(n).slice(0, max);
}

/** Rows of the chosen columns, each column standardized by the pooled mean/std of the picked rows. */
function standardizedPoints(a: Columns, b: Columns, rowsA: number[], rowsB: number[], columns: number[]): Float64Array {
  const m = rowsA.length + rowsB.length;
  const d = columns.length;
  const out = new Float64Array(m * d);
  columns.forEach((j, c) => {
    let mean = 0;
    const values = new Float64Array(m);
    rowsA.forEach((i, r) => (values[r] = a.at(i, j)));
    rowsB.forEach((i, r) => (values[rowsA.length + r] = b.at(i, j)));
    for (const v of values) mean += v;
    mean /= m;
    let ss = 0;
    for (const v of values) ss += (v - mean) * (v - mean);
    const sd = Math.sqrt(ss / Math.max(1, m - 1)) || 1;
    for (let r = 0; r < m; r++) out[r * d + c] = ((values[r] as number) - mean) / sd;
  });
  return out;
}

/** RBF kernel matrix of the points; bandwidth = the median pairwise distance unless given. */
function rbfKernel(points: Float64Array, d: number, bandwidth: number | undefined): { matrix: Float64Array; bandwidth: number } {
  const m = points.length / d;
  const sq = new Float64Array(m * m);
  const distances: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const diff = (points[i * d + c] as number) - (points[j * d + c] as number);
        s += diff * diff;
      }
      sq[i * m + j] = s;
      sq[j * m + i] = s;
      if (bandwidth === undefined) distances.push(s);
    }
  }
  let sigma = bandwidth ?? Math.sqrt(median(distances));
  if (!(sigma > 0)) sigma = 1;
  const matrix = new Float64Array(m * m);
  const scale = 1 / (2 * sigma * sigma);
  for (let k = 0; k < m * m; k++) matrix[k] = Math.exp(-(sq[k] as number) * scale);
  return { matrix, bandwidth: sigma };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
