/**
 * What the tree makes of the health detectors' measurement (`Measurements.health`): which fired
 * detectors point at the optimization, the verdict's detail naming them, and the evidence (fired
 * detectors, fixes tried and whether they beat the seed noise). Pure functions of measurements.
 */
import type { Evidence } from '@losslens/core';
import type { HealthDetection, HealthRepair, Measurements } from './measurements.js';

const fmt = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x));
const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** Detectors whose firing says gradient descent itself is failing (not the model's capacity). */
export const OPTIMIZATION_DETECTORS: ReadonlySet<string> = new Set(['non-finite', 'vanishing-gradients', 'exploding-gradients', 'dying-relu', 'saturation']);

/** The detectors that fired, in the order `detectHealth` reports them. */
export const firedDetectors = (m: Measurements): HealthDetection[] => m.health?.detections.filter((d) => d.fired) ?? [];

/** "layers 1–5" / "layers 1, 3" / "layer 2" for 1-based positions. */
export function layerRange(positions: readonly number[]): string {
  if (positions.length === 1) return `layer ${positions[0]}`;
  const contiguous = positions.every((p, i) => i === 0 || p === positions[i - 1]! + 1);
  return contiguous ? `layers ${positions[0]}–${positions.at(-1)}` : `layers ${positions.join(', ')}`;
}

/**
 * One fired detector in a few words, with its measured value and threshold.
 * @example
 * detectionPhrase({ detector: 'vanishing-gradients', positions: [1, 2, 3, 4, 5], value: 0.0012, threshold: 0.03, … });
 * // 'vanishing gradients in layers 1–5 (ratio 0.0012 to the output layer, below 0.03)'
 */
export function detectionPhrase(d: HealthDetection): string {
  const where = d.positions.length > 0 ? ` in ${layerRange(d.positions)}` : d.layers.length > 0 ? ` in ${d.layers.join(', ')}` : '';
  const v = fmt(d.value);
  const t = fmt(d.threshold);
  switch (d.detector) {
    case 'vanishing-gradients':
      return `vanishing gradients${where} (ratio ${v} to the output layer, below ${t})`;
    case 'exploding-gradients':
      return `exploding gradients${where} (${v}, above ${t})`;
    case 'non-finite':
      return `non-finite loss or weights${d.epoch !== undefined ? ` from epoch ${d.epoch}` : ''}${where}`;
    case 'dying-relu':
      return `dying ReLU units${where} (${v} of units dead, threshold ${t})`;
    case 'saturation':
      return `saturated units${where} (${v} of units saturated, threshold ${t})`;
    case 'oscillating-loss':
      return `oscillating loss (${v} of epochs go up, threshold ${t})`;
    case 'plateau':
      // the detector fires on a loss that barely moved, or on one that ends no better than a constant prediction
      return Math.abs(d.value) < d.threshold
        ? `a plateau (the loss moved ${fmt(100 * d.value)} % of its start, below ${fmt(100 * d.threshold)} %)`
        : `a plateau (the loss moved ${fmt(100 * d.value)} % of its start but ends no better than a constant prediction)`;
    case 'learning-rate-too-large':
      return `too large a learning rate (update/weight ratio ${v}, above ${t})`;
    case 'learning-rate-too-small':
      return `too small a learning rate (update/weight ratio ${v}, below ${t})`;
    case 'initial-loss':
      return `an initial loss ${v}× its expected value (threshold ${t}×)`;
    default:
      return `${d.detector}${where} (${v}, threshold ${t})`;
  }
}

/** Whether the recorded run's detectors show gradient descent failing (vanishing, exploding, dead, saturated, non-finite). */
export const healthPointsToOptimization = (m: Measurements): boolean => firedDetectors(m).some((d) => OPTIMIZATION_DETECTORS.has(d.detector));

/**
 * The verdict's detail for an optimization issue: the fired detectors, most telling first.
 * @example
 * verdictDetail(measurements); // 'optimization issue: vanishing gradients in layers 1–5 (ratio 0.0012 to the output layer, below 0.03)'
 */
export function verdictDetail(m: Measurements): string | undefined {
  const fired = firedDetectors(m);
  if (fired.length === 0) return undefined;
  const ordered = [...fired.filter((d) => OPTIMIZATION_DETECTORS.has(d.detector)), ...fired.filter((d) => !OPTIMIZATION_DETECTORS.has(d.detector))];
  return `optimization issue: ${ordered.map(detectionPhrase).join('; ')}`;
}

/**
 * A fix tried, in one sentence: "tried X: training loss A → B (seeds …), validation loss C → D, helped".
 * @example
 * repairSentence(repair); // 'tried ReLU activations with He initialization (mlp:32x32:relu): training loss 0.693 → 0.051 (seeds 0, 1, 2), validation loss 0.693 → 0.06: helped (every seed better)'
 */
export function repairSentence(r: HealthRepair): string {
  const change = ` (${r.spec}${r.clipNorm !== undefined ? `, clip norm ${r.clipNorm}` : ''}, lr ${fmt(r.learningRate)})`;
  return (
    `tried ${r.description}${change} for ${r.detector}: training loss ${fmt(mean(r.before.train))} → ${fmt(mean(r.after.train))} (seeds ${r.seeds.join(', ')}), ` +
    `validation loss ${fmt(mean(r.before.validation))} → ${fmt(mean(r.after.validation))}: ${
      r.helped
        ? "helped (every seed's validation loss below every seed's without it)"
        : r.beyondNoise
          ? 'did not help: below the noise across seeds, but by less than the margin a run must beat another by'
          : 'did not help beyond the noise across seeds'
    }`
  );
}

/**
 * The tree's evidence from the detectors: one entry listing the fired detectors, one per fix tried.
 * Nothing when no detector fired.
 * @example
 * healthEvidence(measurements).map((e) => e.check); // ['training-health', 'repair']
 */
export function healthEvidence(m: Measurements): Evidence[] {
  const h = m.health;
  const fired = firedDetectors(m);
  if (h === undefined || fired.length === 0) return [];
  const evidence: Evidence[] = [
    {
      check: 'training-health',
      finding: `a recorded re-run of your settings (seed ${h.seed}, ${h.epochs} epochs) shows ${fired.map(detectionPhrase).join('; ')}${h.repairSkipped ? `; ${h.repairSkipped}` : ''}`,
      values: {
        fired: fired.map((d) => ({ detector: d.detector, value: d.value, threshold: d.threshold, layers: d.layers, positions: d.positions, ...(d.epoch !== undefined ? { epoch: d.epoch } : {}) })),
        notFired: h.detections.filter((d) => !d.fired).map((d) => d.detector),
      },
    },
  ];
  for (const r of h.repairs) {
    evidence.push({
      check: 'repair',
      finding: repairSentence(r),
      values: { detector: r.detector, remedy: r.remedy, spec: r.spec, learningRate: r.learningRate, ...(r.clipNorm !== undefined ? { clipNorm: r.clipNorm } : {}), seeds: r.seeds, before: r.before, after: r.after, beyondNoise: r.beyondNoise, helped: r.helped },
    });
  }
  return evidence;
}
