/**
 * The shared shape of learning and validation curves: train and validation loss (mean ± sample
 * std over folds) at each x, with the best point marked.
 */
import { meanAndStd } from './statistics.js';

/** One x of a curve. */
export interface CurvePoint {
  /** Training rows (learning curve) or complexity, e.g. parameter count (validation curve). */
  x: number;
  /** What the point is: `"120 rows"`, or the model spec. */
  label: string;
  trainMean: number;
  /** Sample std (ddof = 1) over folds. */
  trainStd: number;
  validationMean: number;
  validationStd: number;
  /** Per-fold losses, in fold order. */
  trainLosses: number[];
  validationLosses: number[];
}

/** A learning or validation curve. */
export interface Curve {
  kind: 'learning' | 'validation';
  /** Axis title of x. */
  xTitle: string;
  points: CurvePoint[];
  /** Index of the point with the smallest mean validation loss. */
  best: number;
}

/**
 * Builds a point from per-fold losses (means and sample stds).
 * @example
 * curvePoint(100, '100 rows', [0.2, 0.3], [0.5, 0.7]).validationMean; // 0.6
 */
export function curvePoint(x: number, label: string, trainLosses: number[], validationLosses: number[]): CurvePoint {
  const t = meanAndStd(trainLosses);
  const v = meanAndStd(validationLosses);
  return { x, label, trainMean: t.mean, trainStd: t.std, validationMean: v.mean, validationStd: v.std, trainLosses, validationLosses };
}

/**
 * Index of the smallest finite mean validation loss (0 when none is finite).
 * @example
 * const best = curve.points[bestPoint(curve.points)];
 */
export function bestPoint(points: readonly CurvePoint[]): number {
  let best = 0;
  let bestValue = Infinity;
  points.forEach((p, i) => {
    if (Number.isFinite(p.validationMean) && p.validationMean < bestValue) {
      bestValue = p.validationMean;
      best = i;
    }
  });
  return best;
}

/** Line-chart options for a curve, in the shape `@losslens/plot`'s `lineChart` takes. */
export interface CurveChart {
  title: string;
  series: { name: string; points: [number, number][] }[];
  x: { title: string; scale: 'linear' | 'log' };
  y: { title: string; scale: 'linear' | 'log' };
  marks: { x: number; label: string }[];
}

/**
 * The curve as line-chart options (train and validation mean loss, the best x marked), ready
 * for `renderSvg(lineChart(curveChart(curve)))` from `@losslens/plot`. The x axis is
 * logarithmic when x spans more than a factor of 20.
 * @example
 * const svg = await renderSvg(lineChart(curveChart(curve)));
 */
export function curveChart(curve: Curve, title?: string): CurveChart {
  const xs = curve.points.map((p) => p.x).filter((x) => x > 0);
  const logX = xs.length > 0 && Math.max(...xs) / Math.min(...xs) > 20;
  const best = curve.points[curve.best];
  return {
    title: title ?? (curve.kind === 'learning' ? 'Learning curve' : 'Validation curve'),
    series: [
      { name: 'train', points: curve.points.map((p) => [p.x, p.trainMean]) },
      { name: 'validation', points: curve.points.map((p) => [p.x, p.validationMean]) },
    ],
    x: { title: curve.xTitle, scale: logX ? 'log' : 'linear' },
    y: { title: 'loss (mean over folds)', scale: 'linear' },
    marks: best === undefined ? [] : [{ x: best.x, label: `best: ${best.label}` }],
  };
}

/**
 * The curve as a self-contained Vega-Lite spec (plain object): mean train and validation loss
 * with ±1 std bands and a rule at the best point.
 * @example
 * fs.writeFileSync('curve.vl.json', JSON.stringify(curveSpec(curve)));
 */
export function curveSpec(curve: Curve, title?: string): Record<string, unknown> {
  const chart = curveChart(curve, title);
  const values = curve.points.flatMap((p) => [
    { x: p.x, label: p.label, series: 'train', loss: p.trainMean, low: p.trainMean - p.trainStd, high: p.trainMean + p.trainStd },
    { x: p.x, label: p.label, series: 'validation', loss: p.validationMean, low: p.validationMean - p.validationStd, high: p.validationMean + p.validationStd },
  ]);
  const x = { field: 'x', type: 'quantitative', title: chart.x.title, scale: { type: chart.x.scale, zero: false } };
  const color = { field: 'series', type: 'nominal', title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: chart.title,
    width: 480,
    height: 260,
    background: 'white',
    layer: [
      { data: { values }, mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color } },
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'loss', type: 'quantitative', title: chart.y.title, scale: { zero: false } }, color },
      },
      { data: { values: chart.marks }, mark: { type: 'rule', strokeDash: [4, 3], color: '#666' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
    ],
  };
}
