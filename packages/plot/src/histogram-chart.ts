import { chartSpec, quantitative, verticalRuleLayers } from './axis.js';
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
  layer.push(...verticalRuleLayers(options.marks ?? [], 'start', { rule: '#c44', text: '#c44' }));
  return chartSpec(options, { layer });
}
