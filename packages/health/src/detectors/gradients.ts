import { fmt, layerOf, median, type Detection } from '../detection.js';
import { healthThresholds, type HealthThresholds } from '../thresholds.js';
import type { HealthSignals } from '../signals.js';
import { finiteEpochs, layerList, series, weightBlocks } from './shared.js';

/** Each weight block's median probe-gradient norm over the finite epochs, relative to the output layer's (the last weight block). */
export function gradientRatios(signals: HealthSignals): { blocks: string[]; medians: number[]; ratios: number[] } {
  const epochs = finiteEpochs(signals);
  const blocks = weightBlocks(signals);
  const medians = blocks.map((b) => median(series(epochs, b, (s) => s.gradientNorm)));
  const last = medians.at(-1) ?? Number.NaN;
  return { blocks, medians, ratios: medians.map((m) => (last > 0 ? m / last : Number.NaN)) };
}

/**
 * Vanishing gradients, per layer: weight blocks whose median probe-gradient norm is below
 * `vanishingRatio` × the output layer's. Needs two weight blocks or more.
 * @example
 * detectVanishingGradients(signals).finding; // "vanishing gradients in layers 1–4 (…)"
 */
export function detectVanishingGradients(signals: HealthSignals, thresholds: HealthThresholds = healthThresholds): Detection {
  const threshold = thresholds.vanishingRatio;
  const { blocks, medians, ratios } = gradientRatios(signals);
  const values = { blocks, gradientNorms: medians, ratios };
  if (blocks.length < 2 || !ratios.slice(0, -1).some(Number.isFinite)) {
    return { detector: 'vanishing-gradients', fired: false, finding: 'needs two weight layers with a non-zero output-layer gradient', value: Number.NaN, threshold, values };
  }
  const inner = ratios.slice(0, -1);
  const value = Math.min(...inner.filter(Number.isFinite));
  const positions = inner.flatMap((r, i) => (r < threshold ? [i + 1] : []));
  const fired = positions.length > 0;
  const layers = positions.map((p) => layerOf(blocks[p - 1] as string));
  return {
    detector: 'vanishing-gradients',
    fired,
    finding: fired
      ? `vanishing gradients in ${layerList(positions)} of ${blocks.length} (${layers.join(', ')}): gradient norm down to ${fmt(value)} × the output layer's, below ${threshold}`
      : `gradient norms stay within ${fmt(value)}–1 × the output layer's (vanishing below ${threshold})`,
    value,
    threshold,
    layers,
    values,
  };
}

/**
 * Exploding gradients, per layer: weight blocks whose probe-gradient norm is above
 * `explodingNorm` in some epoch, or grows above `explodingGrowth` × its value at
 * initialization, or whose median is above `explodingRatio` × the output layer's (growing
 * toward the input). The first criterion that fires is reported.
 * @example
 * detectExplodingGradients(signals).layers; // ['dense_1', 'dense_2']
 */
export function detectExplodingGradients(signals: HealthSignals, thresholds: HealthThresholds = healthThresholds): Detection {
  const { blocks, medians, ratios } = gradientRatios(signals);
  const epochs = signals.epochs.filter((e) => e.blocks.every((b) => Number.isFinite(b.gradientNorm)));
  const growth = blocks.map((b) => {
    const s = series(epochs, b, (x) => x.gradientNorm);
    const start = s[0] ?? Number.NaN;
    return start > 0 ? Math.max(...s) / start : Number.NaN;
  });
  // MSE gradients scale with the targets' standard deviation; compare in standardized units.
  const scale = signals.task === 'regression' && (signals.targetVariance ?? 0) > 0 ? Math.sqrt(signals.targetVariance as number) : 1;
  const peaks = blocks.map((b) => Math.max(...series(epochs, b, (x) => x.gradientNorm / scale), Number.NEGATIVE_INFINITY));
  const large = peaks.flatMap((g, i) => (g > thresholds.explodingNorm ? [i + 1] : []));
  const grown = growth.flatMap((g, i) => (g > thresholds.explodingGrowth ? [i + 1] : []));
  const steep = ratios.slice(0, -1).flatMap((r, i) => (r > thresholds.explodingRatio ? [i + 1] : []));
  const values = { blocks, gradientNorms: medians, peaks, ratios, growth };
  const maxPeak = Math.max(...peaks.filter(Number.isFinite), Number.NEGATIVE_INFINITY);
  const maxGrowth = Math.max(...growth.filter(Number.isFinite), Number.NEGATIVE_INFINITY);
  const maxRatio = Math.max(...ratios.slice(0, -1).filter(Number.isFinite), Number.NEGATIVE_INFINITY);
  if (large.length > 0) {
    const layers = large.map((p) => layerOf(blocks[p - 1] as string));
    return {
      detector: 'exploding-gradients', fired: true,
      finding: `exploding gradients in ${layerList(large)} (${layers.join(', ')}): gradient norm up to ${fmt(maxPeak)}${scale === 1 ? '' : ' (÷ std of y)'}, above ${thresholds.explodingNorm}`,
      value: maxPeak, threshold: thresholds.explodingNorm, layers, values,
    };
  }
  if (grown.length > 0) {
    const layers = grown.map((p) => layerOf(blocks[p - 1] as string));
    return {
      detector: 'exploding-gradients', fired: true,
      finding: `exploding gradients in ${layerList(grown)} (${layers.join(', ')}): gradient norm grew to ${fmt(maxGrowth)} × its initial value, above ${thresholds.explodingGrowth}`,
      value: maxGrowth, threshold: thresholds.explodingGrowth, layers, values,
    };
  }
  if (steep.length > 0) {
    const layers = steep.map((p) => layerOf(blocks[p - 1] as string));
    return {
      detector: 'exploding-gradients', fired: true,
      finding: `exploding gradients in ${layerList(steep)} (${layers.join(', ')}): gradient norm ${fmt(maxRatio)} × the output layer's, above ${thresholds.explodingRatio}`,
      value: maxRatio, threshold: thresholds.explodingRatio, layers, values,
    };
  }
  return {
    detector: 'exploding-gradients', fired: false,
    finding: `gradient norms peak at ${fmt(maxPeak)} (threshold ${thresholds.explodingNorm}), grew at most ${fmt(maxGrowth)} × (threshold ${thresholds.explodingGrowth}) and reach ${fmt(maxRatio)} × the output layer's (threshold ${thresholds.explodingRatio})`,
    value: maxPeak, threshold: thresholds.explodingNorm, layers: [], values,
  };
}
