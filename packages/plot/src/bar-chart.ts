import { drawable, chartSpec, quantitative } from './axis.js';
import type { AxisOptions, ChartFrame } from './axis.js';
import { OTHER_COLORS, ROLE_COLORS } from './palette.js';
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
  /**
   * `'vertical'` (default): categories along the bottom. `'horizontal'`: one row per category,
   * its label whole on the left (for long labels such as model specs); the height then follows
   * from the number of bars.
   */
  orientation?: 'vertical' | 'horizontal';
  /** Colour per group; default: a group named like a role (train, validation, test, …) gets `ROLE_COLORS`. */
  colors?: Readonly<Record<string, string>>;
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
  const groups = [...new Set(options.bars.map((b) => b.group ?? ''))];
  const values = options.bars
    .filter((b) => drawable(b.value, options.y))
    .map((b) => (grouped ? { label: b.label, value: b.value, group: b.group ?? '' } : { label: b.label, value: b.value }));
  const value = quantitative('value', options.y);
  if (options.y.scale !== 'log') (value['scale'] as Record<string, unknown>)['zero'] = true;
  const horizontal = options.orientation === 'horizontal';
  const category = {
    field: 'label',
    type: 'nominal',
    title: options.x.title,
    sort: labels,
    axis: horizontal ? { labelLimit: 0 } : { labelAngle: 0, labelLimit: 0 },
  };
  const encoding: Record<string, unknown> = horizontal ? { y: category, x: value } : { x: category, y: value };
  if (grouped) {
    let next = 0;
    const range = groups.map((g) => options.colors?.[g] ?? (ROLE_COLORS as Record<string, string>)[g] ?? (OTHER_COLORS[next++ % OTHER_COLORS.length] as string));
    encoding['color'] = { field: 'group', type: 'nominal', title: null, scale: { domain: groups, range }, legend: { labelLimit: 0 } };
    encoding[horizontal ? 'yOffset' : 'xOffset'] = { field: 'group', type: 'nominal', sort: groups };
  }
  const frame = horizontal ? { ...options, height: options.height ?? Math.max(60, labels.length * (grouped ? groups.length : 1) * 14 + labels.length * 6) } : options;
  return chartSpec(frame, { data: { values }, mark: { type: 'bar' }, encoding });
}
