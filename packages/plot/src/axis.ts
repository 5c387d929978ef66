/**
 * Axis options shared by the chart builders, and the bits of Vega-Lite they turn into.
 */
import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite spec as the chart builders return it (vega-lite's `TopLevelSpec`). */
export type ChartSpec = TopLevelSpec;

/** How one axis of a chart is titled and scaled. */
export interface AxisOptions {
  /** Axis title shown beside the axis. */
  title: string;
  /** Scale type; default `'linear'`. On a log axis, points with a value ≤ 0 are left out. */
  scale?: 'linear' | 'log';
  /** Fixed `[min, max]` of the axis; default: fitted to the data. */
  domain?: readonly [number, number];
  /** Ticks only at whole numbers, written without decimals (epochs, counts); default false. */
  integer?: boolean;
}

/** Size and title every chart takes. */
export interface ChartFrame {
  /** Chart title shown above the plot. */
  title: string;
  /** Plot width in pixels (without axes and legend); default 480. */
  width?: number;
  /** Plot height in pixels; default 260. */
  height?: number;
}

/** The Vega-Lite schema address every spec names (used by editors, never fetched by renderSvg). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A full spec: schema, title, size and a white background, then the chart's own parts. */
export function chartSpec(frame: ChartFrame, body: Record<string, unknown>): TopLevelSpec {
  const header = {
    $schema: VEGA_LITE_SCHEMA,
    title: frame.title,
    width: frame.width ?? 480,
    height: frame.height ?? 260,
    background: 'white',
  };
  return { ...header, ...body } as unknown as TopLevelSpec;
}

/** The Vega-Lite encoding channel for a quantitative field on this axis. */
export function quantitative(field: string, axis: AxisOptions): Record<string, unknown> {
  // Vega-Lite rejects (with a warning on stderr) a `zero` setting on log scales.
  const scale: Record<string, unknown> = axis.scale === 'log' ? { type: 'log' } : { type: 'linear', zero: false };
  if (axis.domain !== undefined) scale['domain'] = [...axis.domain];
  return { field, type: 'quantitative', title: axis.title, scale, ...(axis.integer === true ? { axis: { format: 'd', tickMinStep: 1 } } : {}) };
}

/** Whether a value can be drawn on this axis: finite, and positive on a log axis. */
export function drawable(value: number, axis: AxisOptions): boolean {
  return Number.isFinite(value) && (axis.scale !== 'log' || value > 0);
}

/**
 * The two layers of labelled vertical rules (a dashed rule and its label at the top), with
 * the x position in `field` of each datum.
 * @example
 * layer.push(...verticalRuleLayers([{ x: 0, label: '0' }], 'x', { rule: '#666', text: '#444' }));
 */
export function verticalRuleLayers(
  marks: readonly { x: number; label: string }[],
  field: string,
  colors: { rule: string; text: string },
): Record<string, unknown>[] {
  if (marks.length === 0) return [];
  const rules = { values: marks.map((m) => ({ [field]: m.x, label: m.label })) };
  const x = { field, type: 'quantitative' };
  return [
    { data: rules, mark: { type: 'rule', strokeDash: [4, 3], color: colors.rule }, encoding: { x } },
    {
      data: rules,
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 3, color: colors.text, y: 0 },
      encoding: { x, text: { field: 'label', type: 'nominal' } },
    },
  ];
}
