import { chartSpec, quantitative } from './axis.js';
import type { AxisOptions, ChartFrame } from './axis.js';
import { histogramBins } from './histogram.js';
import type { VerticalMark } from './line-chart.js';
import type { TopLevelSpec } from 'vega-lite';

/** Options of {@link histogramChart}. */
export interface HistogramChartOptions extends ChartFrame {
  /** Samples to bin, e.g. Hessian eigenvalues. Non-finite values are ignored. */
  values: ArrayLike<number>;
  /** Number of equal-width bins; default 30. */
  bins?: number;
  /** Bar height: `'count'` (default) or `'density'` (bar areas sum to 1). */
  normalize?: 'count' | 'density';
  x: AxisOptions;
  /** Default title: "count" or "density". */
  y?: AxisOptions;
  /** Vertical rules with labels, e.g. at eigenvalue 0; default none. */
  marks?: readonly VerticalMark[];
}

/**
 * A Vega-Lite spec of a histogram (one bar per bin, numpy.histogram binning), for
 * eigenvalue spectra and other distributions. Empty bins are drawn as zero-height bars.
 * @example
 * const spec = histogramChart({ title: 'Hessian spectrum', values: [-2, 0.1, 2], bins: 20, x: { title: 'eigenvalue' } });
 */
export function histogramChart(options: HistogramChartOptions): TopLevelSpec {
  const normalize = options.normalize ?? 'count';
  const values = histogramBins(options.values, options.bins ?? 30).map((b) => ({
    start: b.start,
    end: b.end,
    height: normalize === 'density' ? b.density : b.count,
  }));
  const y = quantitative('height', options.y ?? { title: normalize });
  (y['scale'] as Record<string, unknown>)['zero'] = true;
  const layer: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5, color: '#4c78a8' },
      encoding: { x: quantitative('start', options.x), x2: { field: 'end' }, y, y2: { datum: 0 } },
    },
  ];
  const marks = options.marks ?? [];
  if (marks.length > 0) {
    const rules = { values: marks.map((m) => ({ start: m.x, label: m.label })) };
    const x = { field: 'start', type: 'quantitative' };
    layer.push(
      { data: rules, mark: { type: 'rule', strokeDash: [4, 3], color: '#c44' }, encoding: { x } },
      {
        data: rules,
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 3, color: '#c44', y: 0 },
        encoding: { x, text: { field: 'label', type: 'nominal' } },
      },
    );
  }
  return chartSpec(options, { layer });
}
