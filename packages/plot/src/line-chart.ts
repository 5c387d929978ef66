import { drawable, chartSpec, quantitative, verticalRuleLayers } from './axis.js';
import type { AxisOptions, ChartFrame } from './axis.js';
import { seriesColors, type Role } from './palette.js';
import type { TopLevelSpec } from 'vega-lite';

/** One named line of a {@link lineChart}. */
export interface LineSeries {
  /** Legend label. */
  name: string;
  /** `[x, y]` pairs in drawing order. */
  points: ReadonlyArray<readonly [number, number]>;
  /** What the series is (train, validation, your model, …): its colour comes from `ROLE_COLORS`. */
  role?: Role;
  /** A colour that overrides the role's. */
  color?: string;
  /** Drawn thin and translucent, behind the others (a comparison beside the main series). */
  faded?: boolean;
  /** Drawn dashed. */
  dashed?: boolean;
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
  /** Draw the legend (default true); small multiples share one key written beside them. */
  legend?: boolean;
  /** Draw a point at every sample (default true); false for dense curves such as a density. */
  points?: boolean;
}

/** A series' stroke as data fields, drawn as is: faded series thin and translucent. */
const style = (s: LineSeries) => ({ opacity: s.faded === true ? 0.45 : 1, width: s.faded === true ? 1.25 : 2.5, dash: s.dashed === true ? [5, 3] : [1, 0] });

/**
 * A Vega-Lite spec of one or more lines with point markers, colored by role (`ROLE_COLORS`) or
 * series, with every legend label whole; faded series are drawn thin and translucent.
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
  const styled = options.series.some((s) => s.faded === true || s.dashed === true);
  const values = options.series.flatMap((s) =>
    s.points
      .filter(([x, y]) => drawable(x, options.x) && drawable(y, options.y))
      .map(([x, y], order) => ({ series: s.name, x, y, order, ...(styled ? style(s) : {}) })),
  );
  const names = options.series.map((s) => s.name);
  const layer: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: 'line', point: options.points === false ? false : { filled: true, size: 24 }, strokeWidth: 2 },
      encoding: {
        x: quantitative('x', options.x),
        y: quantitative('y', options.y),
        // Every legend label whole (Vega-Lite cuts labels at 160 px by default).
        color: { field: 'series', type: 'nominal', title: null, sort: names, scale: { domain: names, range: seriesColors(options.series) }, legend: options.legend === false ? null : { labelLimit: 0 } },
        // The stroke of each series as data, drawn as is (no scale, no second legend).
        ...(styled
          ? {
              opacity: { field: 'opacity', type: 'quantitative', scale: null },
              strokeWidth: { field: 'width', type: 'quantitative', scale: null },
              strokeDash: { field: 'dash', type: 'nominal', scale: null },
            }
          : {}),
        order: { field: 'order', type: 'quantitative' },
      },
    },
  ];
  layer.push(...verticalRuleLayers((options.marks ?? []).filter((m) => drawable(m.x, options.x)), 'x', { rule: '#666', text: '#444' }));
  return chartSpec(options, { layer });
}
