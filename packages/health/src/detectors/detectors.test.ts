import { describe, expect, it } from 'vitest';
import type { EpochSignal, HealthSignals } from '../signals.js';
import { median } from '../detection.js';
import { healthThresholds } from '../thresholds.js';
import { detectHealth } from './detect-health.js';
import { detectDyingRelu, detectSaturation } from './activations.js';
import { detectExplodingGradients, detectVanishingGradients } from './gradients.js';
import { detectInitialLoss, expectedInitialLoss } from './initial-loss.js';
import { detectLearningRateTooLarge, detectLearningRateTooSmall } from './learning-rate.js';
import { detectOscillatingLoss, detectPlateau, upShare } from './loss-curve.js';
import { detectNonFinite } from './non-finite.js';

/** Signals for a 3-weight-layer model; `grads[e][l]` is the kernel gradient norm of layer l at epoch e. */
function signals(options: { losses: number[]; grads?: number[][]; ratios?: number[]; dead?: number[]; saturated?: number[]; nonFinite?: [number, number]; task?: 'regression' | 'classification'; outputs?: number }): HealthSignals {
  const epochs: EpochSignal[] = options.losses.map((loss, e) => ({
    epoch: e,
    trainLoss: loss,
    probeLoss: loss,
    learningRate: 0.01,
    blocks: [0, 1, 2].flatMap((l) => [
      { block: `dense_${l + 1}/kernel`, weight: true, gradientNorm: options.grads?.[e]?.[l] ?? 1, weightNorm: 1, updateRatio: e === 0 ? Number.NaN : (options.ratios?.[l] ?? 1e-3), finite: !(options.nonFinite !== undefined && e >= options.nonFinite[0] && l >= options.nonFinite[1]) },
      { block: `dense_${l + 1}/bias`, weight: false, gradientNorm: 1, weightNorm: 1, updateRatio: 1, finite: true },
    ]),
    activations: [
      { layer: 'dense_1', activation: 'relu', units: 8, deadShare: options.dead?.[e] ?? 0 },
      { layer: 'dense_2', activation: 'tanh', units: 8, saturatedShare: options.saturated?.[e] ?? 0 },
    ],
  }));
  return { model: 'test', task: options.task ?? 'classification', outputs: options.outputs ?? 3, probeRows: 10, targetVariance: 2, defaultLoss: true, epochs };
}
const falling = Array.from({ length: 10 }, (_, e) => 1.1 * 0.8 ** e);

describe('detector statistics', () => {
  it('median and upShare match hand counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2, Number.NaN])).toBe(2.5);
    expect(median([])).toBeNaN();
    // 1 → 1.2 (+20 %), → 1.15, → 1.3 (+13 %), → 1.35 (+3.8 %): 2 of 4 changes step up by > 10 %.
    expect(upShare([1, 1.2, 1.15, 1.3, 1.35], 0.1)).toBe(0.5);
  });

  it('a healthy-looking run fires nothing', () => {
    expect(detectHealth(signals({ losses: falling })).filter((d) => d.fired)).toEqual([]);
  });
});

describe('detectors', () => {
  it('non-finite names the first epoch and the first non-finite block', () => {
    const d = detectNonFinite(signals({ losses: [1, 0.9, Number.NaN, Number.NaN], nonFinite: [2, 1] }));
    expect(d).toMatchObject({ fired: true, epoch: 2, layers: ['dense_2/kernel', 'dense_3/kernel'], value: 3, threshold: 0 });
  });

  it('vanishing gradients: per-layer median ratio to the output layer, layers named 1-based', () => {
    const grads = falling.map(() => [1e-4, 5e-3, 1]);
    grads[0] = [1, 1, 1]; // one epoch does not move the median
    const d = detectVanishingGradients(signals({ losses: falling, grads }));
    expect(d.fired).toBe(true);
    expect(d.layers).toEqual(['dense_1', 'dense_2']);
    expect(d.value).toBeCloseTo(1e-4, 12);
    expect(d.threshold).toBe(healthThresholds.vanishingRatio);
    expect(d.threshold).toBe(0.03);
    expect(d.finding).toContain('layers 1–2 of 3');
    expect(detectVanishingGradients(signals({ losses: falling, grads: falling.map(() => [0.04, 0.5, 1]) })).fired).toBe(false);
  });

  it('exploding gradients: above the absolute norm, or grown 1000× since initialization', () => {
    const big = detectExplodingGradients(signals({ losses: falling, grads: falling.map(() => [150, 2, 1]) }));
    expect(big).toMatchObject({ fired: true, layers: ['dense_1', 'dense_2', 'dense_3'].slice(0, 1), value: 150, threshold: 100 });
    const grown = detectExplodingGradients(signals({ losses: falling, grads: falling.map((_, e) => [1e-3 * 20 ** e, 1, 1]) }));
    // 1e-3·20^9 = 5.12e8 > 100, so the absolute criterion fires first; with the norm threshold raised, growth does.
    expect(grown.value).toBeCloseTo(1e-3 * 20 ** 9, -3);
    const byGrowth = detectExplodingGradients(signals({ losses: falling, grads: falling.map((_, e) => [1e-3 * 3 ** e, 1, 1]) }));
    expect(byGrowth).toMatchObject({ fired: true, layers: ['dense_1'], threshold: 1000 });
    expect(byGrowth.value).toBeCloseTo(3 ** 9, 6);
    expect(detectExplodingGradients(signals({ losses: falling })).fired).toBe(false);
    // For regression the norm is read in units of the targets' standard deviation (here 100).
    const raw = { ...signals({ losses: falling, grads: falling.map(() => [150, 150, 100]), task: 'regression', outputs: 1 }), targetVariance: 1e4 };
    expect(detectExplodingGradients(raw).fired).toBe(false);
    expect(detectExplodingGradients({ ...raw, targetVariance: 1 }).fired).toBe(true);
  });

  it('dying ReLU and saturation read the last finite epoch', () => {
    const dead = falling.map((_, e) => (e < 9 ? 0.9 : 0.6));
    expect(detectDyingRelu(signals({ losses: falling, dead }))).toMatchObject({ fired: true, value: 0.6, layers: ['dense_1'], epoch: 9 });
    expect(detectDyingRelu(signals({ losses: falling, dead: falling.map(() => 0.4) })).fired).toBe(false);
    expect(detectSaturation(signals({ losses: falling, saturated: falling.map(() => 0.5) }))).toMatchObject({ fired: true, value: 0.5, layers: ['dense_2'] });
  });

  it('oscillating loss counts steps up of more than 10 %', () => {
    const zigzag = [2, 1, 1.5, 0.9, 1.2, 0.8, 1.1, 0.7, 0.75, 0.6];
    const d = detectOscillatingLoss(signals({ losses: zigzag }));
    // epochs 1..9: 1 → 1.5 ↑, 1.5 → 0.9, 0.9 → 1.2 ↑, 1.2 → 0.8, 0.8 → 1.1 ↑, 1.1 → 0.7, 0.7 → 0.75 (7 %), 0.75 → 0.6: 3 of 8.
    expect(d).toMatchObject({ fired: true, value: 3 / 8, threshold: 0.2 });
    expect(detectOscillatingLoss(signals({ losses: falling })).value).toBe(0);
    // Below 0.5 % of the initial loss (2 → 0.01) wiggles do not count.
    const converged = [2, 0.009, 0.0095, 0.008, 0.0099, 0.007, 0.0091, 0.006, 0.008, 0.005];
    expect(detectOscillatingLoss(signals({ losses: converged })).value).toBe(0);
  });

  it('plateau compares the initial loss with the mean of the last three epochs', () => {
    const flat = [1, 0.99, 0.99, 0.98, 0.98, 0.98];
    const d = detectPlateau(signals({ losses: flat }));
    expect(d.fired).toBe(true);
    expect(d.value).toBeCloseTo(0.02, 12);
    expect(detectPlateau(signals({ losses: falling })).fired).toBe(false);
    // 1.3 → 1.1 is a 15 % move, but 1.1 ≈ log 3 = 1.0986 is what predicting the class shares gives.
    const stuck = detectPlateau(signals({ losses: [1.3, 1.2, 1.15, 1.1, 1.1, 1.1] }));
    expect(stuck.fired).toBe(true);
    expect(stuck.finding).toMatch(/no better than a constant prediction \(1\.1\)/);
  });

  it('learning rate: median update/weight ratio of the weight blocks, zeros left out', () => {
    expect(detectLearningRateTooLarge(signals({ losses: falling, ratios: [0.1, 0.05, 0.01] }))).toMatchObject({ fired: true, value: 0.05, layers: ['dense_1', 'dense_2'] });
    expect(detectLearningRateTooSmall(signals({ losses: falling, ratios: [1e-7, 2e-6, 1e-6] }))).toMatchObject({ fired: true, value: 1e-6 });
    expect(detectLearningRateTooSmall(signals({ losses: falling, ratios: [0, 0, 0] })).fired).toBe(false);
  });

  it('initial loss is compared with log C and with var(y)', () => {
    const classification = signals({ losses: [12, 1, 0.5] });
    expect(expectedInitialLoss(classification)).toBeCloseTo(Math.log(3), 12);
    expect(detectInitialLoss(classification)).toMatchObject({ fired: true, threshold: 10 });
    expect(detectInitialLoss(classification).value).toBeCloseTo(12 / Math.log(3), 12);
    const regression = signals({ losses: [3, 1, 0.5], task: 'regression', outputs: 1 });
    expect(detectInitialLoss(regression).value).toBeCloseTo(1.5, 12);
    expect(detectInitialLoss(regression).fired).toBe(false);
    const uncentered = { ...signals({ losses: [900, 100, 50], task: 'regression', outputs: 1 }), targetVariance: 60, targetMeanSquare: 529 };
    expect(detectInitialLoss(uncentered)).toMatchObject({ fired: true, value: 15 });
    expect(detectInitialLoss(uncentered).finding).toMatch(/standardize them/);
  });
});
