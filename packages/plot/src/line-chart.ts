import { drawable, chartSpec, quantitative, verticalRuleLayers } from './axis.js';
import type { AxisOptions, ChartFrame } from './axis.js';
import type { TopLevelSpec } from 'vega-lite';

/** One named line of a {@link lineChart}. */
export interface LineSeries {
  /** Legend label. */
  name: string;
  /** `[x, y]` pairs in drawing order. */
  points: ReadonlyArray<readonly [number, number]>;
}

/** A labelled vertical rule on a {@link lineChart}, e.g. "best epoch" or "early stop". */
export interface VerticalMark {
  /** Where the rule crosses the x axis. */
  x: number;
  /** Text written beside the rule. */
  label: string;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions extends ChartFrame {
  series: readonly LineSeries[];
  x: AxisOptions;
  y: AxisOptions;
  /** Vertical rules with labels; default none. */
  marks?: readonly VerticalMark[];
}

/**
 * A Vega-Lite spec of one or more lines with point markers, colored by series.
 * Points that are not finite (a diverged loss) or not positive on a log axis are left out.
 * @example
 * const spec = lineChart({
 *   title: 'Training loss',
 *   series: [{ name: 'train', points: [[1, 0.9], [2, 0.5]] }],
 *   x: { title: 'epoch' },
 *   y: { title: 'loss', scale: 'log' },
 * });
 */
export function lineChart(options: LineChartOptions): TopLevelSpec {
  const values = options.series.flatMap((s) =>
    s.points
      .filter(([x, y]) => drawable(x, options.x) && drawable(y, options.y))
      .map(([x, y], order) => ({ series: s.name, x, y, order })),
  );
  const layer: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: 'line', point: true, strokeWidth: 2 },
      encoding: {
        x: quantitative('x', options.x),
        y: quantitative('y', options.y),
        color: { field: 'series', type: 'nominal', title: null, sort: options.series.map((s) => s.name) },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  ];
  layer.push(...verticalRuleLayers((options.marks ?? []).filter((m) => drawable(m.x, options.x)), 'x', { rule: '#666', text: '#444' }));
  return chartSpec(options, { layer });
}
