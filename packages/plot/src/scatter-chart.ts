import { drawable, chartSpec, quantitative } from './axis.js';
import type { AxisOptions, ChartFrame } from './axis.js';
import { OTHER_COLORS, ROLE_COLORS } from './palette.js';
import type { TopLevelSpec } from 'vega-lite';

/** One point of a {@link scatterChart}. */
export interface ScatterPoint {
  x: number;
  y: number;
  /** Color group shown in the legend; default: all points one color, no legend. */
  group?: string;
}

/** Options of {@link scatterChart}. */
export interface ScatterChartOptions extends ChartFrame {
  points: readonly ScatterPoint[];
  x: AxisOptions;
  y: AxisOptions;
}

/**
 * A Vega-Lite spec of points, colored by `group` when any point has one.
 * Points that are not finite, or not positive on a log axis, are left out.
 * @example
 * const spec = scatterChart({
 *   title: 'Data', points: [{ x: 0, y: 1, group: 'train' }], x: { title: 'x' }, y: { title: 'y' },
 * });
 */
export function scatterChart(options: ScatterChartOptions): TopLevelSpec {
  const grouped = options.points.some((p) => p.group !== undefined);
  const values = options.points
    .filter((p) => drawable(p.x, options.x) && drawable(p.y, options.y))
    .map((p) => (grouped ? { x: p.x, y: p.y, group: p.group ?? '' } : { x: p.x, y: p.y }));
  const encoding: Record<string, unknown> = {
    x: quantitative('x', options.x),
    y: quantitative('y', options.y),
  };
  if (grouped) {
    // A group named like a role (train, validation, test, …) keeps that role's colour.
    const groups = [...new Set(values.map((v) => (v as { group?: string }).group ?? ''))];
    let next = 0;
    const range = groups.map((g) => (ROLE_COLORS as Record<string, string>)[g] ?? (OTHER_COLORS[next++ % OTHER_COLORS.length] as string));
    encoding['color'] = { field: 'group', type: 'nominal', title: null, scale: { domain: groups, range }, legend: { labelLimit: 0 } };
  }
  return chartSpec(options, {
    data: { values },
    mark: { type: 'point', filled: true, size: 36, opacity: 0.8 },
    encoding,
  });
}
