import { drawable, chartSpec, quantitative } from './axis.js';
import type { AxisOptions, ChartFrame } from './axis.js';
import type { TopLevelSpec } from 'vega-lite';

/** One bar of a {@link barChart}. */
export interface Bar {
  /** Category on the x axis. */
  label: string;
  /** Bar height. */
  value: number;
  /** Bars of one label but different groups stand side by side, colored by group. */
  group?: string;
}

/** Options of {@link barChart}. */
export interface BarChartOptions extends ChartFrame {
  bars: readonly Bar[];
  /** Title of the category axis. */
  x: { title: string };
  y: AxisOptions;
}

/**
 * A Vega-Lite spec of bars per label (in the given order), grouped side by side when bars
 * carry a `group`. Bars whose value is not finite (or not positive on a log axis) are left out.
 * @example
 * const spec = barChart({
 *   title: 'Loss by batch size',
 *   bars: [{ label: '16', value: 0.3, group: 'train' }, { label: '16', value: 0.4, group: 'validation' }],
 *   x: { title: 'batch size' }, y: { title: 'loss' },
 * });
 */
export function barChart(options: BarChartOptions): TopLevelSpec {
  const grouped = options.bars.some((b) => b.group !== undefined);
  const labels = [...new Set(options.bars.map((b) => b.label))];
  const values = options.bars
    .filter((b) => drawable(b.value, options.y))
    .map((b) => (grouped ? { label: b.label, value: b.value, group: b.group ?? '' } : { label: b.label, value: b.value }));
  const y = quantitative('value', options.y);
  if (options.y.scale !== 'log') (y['scale'] as Record<string, unknown>)['zero'] = true;
  const encoding: Record<string, unknown> = {
    x: { field: 'label', type: 'nominal', title: options.x.title, sort: labels, axis: { labelAngle: 0 } },
    y,
  };
  if (grouped) {
    encoding['color'] = { field: 'group', type: 'nominal', title: null };
    encoding['xOffset'] = { field: 'group', type: 'nominal' };
  }
  return chartSpec(options, { data: { values }, mark: { type: 'bar' }, encoding });
}
