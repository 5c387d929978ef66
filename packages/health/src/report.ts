/**
 * What a report shows of a run's health: the detector table in Markdown and the per-layer
 * charts over epochs (gradient norms, update/weight ratios, activation statistics).
 */
import { lineChart, type LineSeries } from '@losslens/plot';

/** A Vega-Lite spec as `@losslens/plot` makes them. */
type TopLevelSpec = ReturnType<typeof lineChart>;
import { fmt, layerOf, type Detection } from './detection.js';
import type { HealthSignals } from './signals.js';

/**
 * The detectors as a Markdown table: fired or not, measured value, threshold, finding.
 * @example
 * markdown += formatDetections(detectHealth(signals));
 */
export function formatDetections(detections: readonly Detection[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| detector | fired | value | threshold | finding |', '|---|:---:|---:|---:|---|'];
  for (const d of detections) lines.push(`| ${d.detector} | ${d.fired ? 'yes' : 'no'} | ${fmt(d.value)} | ${fmt(d.threshold)} | ${cell(d.finding)} |`);
  return `${lines.join('\n')}\n`;
}

/** Per-layer charts of {@link healthCharts}. */
export interface HealthCharts {
  /** Probe-gradient norm of each weight block per epoch (log scale). */
  gradientNorms: TopLevelSpec;
  /** Update/weight ratio of each weight block per epoch (log scale). */
  updateRatios: TopLevelSpec;
  /** Dead (ReLU) or saturated (tanh/sigmoid) share of each layer's units per epoch. */
  activations: TopLevelSpec;
}

/**
 * Vega-Lite specs of the per-layer signals over epochs, for `renderSvg` / `htmlPage`.
 * @example
 * const svg = await renderSvg(healthCharts(signals).gradientNorms);
 */
export function healthCharts(signals: HealthSignals): HealthCharts {
  const weights = (signals.epochs[0]?.blocks ?? []).filter((b) => b.weight).map((b) => b.block);
  const blockSeries = (pick: 'gradientNorm' | 'updateRatio'): LineSeries[] =>
    weights.map((block) => ({
      name: layerOf(block),
      points: signals.epochs.flatMap((e) => {
        const v = e.blocks.find((b) => b.block === block)?.[pick];
        return v === undefined ? [] : [[e.epoch, v] as const];
      }),
    }));
  const layers = (signals.epochs[0]?.activations ?? []).filter((a) => a.deadShare !== undefined || a.saturatedShare !== undefined);
  const activationSeries: LineSeries[] = layers.map((layer) => ({
    name: `${layer.layer} (${layer.deadShare !== undefined ? 'dead' : 'saturated'})`,
    points: signals.epochs.flatMap((e) => {
      const a = e.activations.find((x) => x.layer === layer.layer);
      const v = a?.deadShare ?? a?.saturatedShare;
      return v === undefined ? [] : [[e.epoch, v] as const];
    }),
  }));
  return {
    gradientNorms: lineChart({ title: 'Gradient norm per layer (probe batch)', series: blockSeries('gradientNorm'), x: { title: 'epoch' }, y: { title: '‖∂L/∂W‖', scale: 'log' } }),
    updateRatios: lineChart({ title: 'Update/weight ratio per layer', series: blockSeries('updateRatio'), x: { title: 'epoch' }, y: { title: '‖ΔW‖ / ‖W‖', scale: 'log' } }),
    activations: lineChart({ title: 'Dead or saturated units per layer (probe batch)', series: activationSeries, x: { title: 'epoch' }, y: { title: 'share of units', domain: [0, 1] } }),
  };
}
