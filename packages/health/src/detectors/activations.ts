import { fmt, type Detection, type DetectorName } from '../detection.js';
import { healthThresholds, type HealthThresholds } from '../thresholds.js';
import type { ActivationSignal, HealthSignals } from '../signals.js';
import { finiteEpochs } from './shared.js';

function shareDetector(
  signals: HealthSignals,
  detector: DetectorName,
  pick: (a: ActivationSignal) => number | undefined,
  threshold: number,
  describe: { kind: string; fired: string; healthy: string },
): Detection {
  const last = finiteEpochs(signals).at(-1);
  const layers = (last?.activations ?? []).filter((a) => pick(a) !== undefined);
  if (last === undefined || layers.length === 0) {
    return { detector, fired: false, finding: `no ${describe.kind} layers to check`, value: Number.NaN, threshold };
  }
  const shares = layers.map((a) => pick(a) as number);
  const value = Math.max(...shares);
  const hit = layers.filter((_, i) => (shares[i] as number) >= threshold).map((a) => a.layer);
  const perLayer = Object.fromEntries(layers.map((a, i) => [a.layer, shares[i]]));
  return {
    detector,
    fired: hit.length > 0,
    finding:
      hit.length > 0
        ? `${describe.fired} in ${hit.join(', ')}: up to ${fmt(100 * value)} % of units at epoch ${last.epoch} (threshold ${fmt(100 * threshold)} %)`
        : `${describe.healthy}: at most ${fmt(100 * value)} % of units at epoch ${last.epoch} (threshold ${fmt(100 * threshold)} %)`,
    value,
    threshold,
    layers: hit,
    epoch: last.epoch,
    values: { shares: perLayer },
  };
}

/**
 * Dying ReLU: a ReLU layer where at least `deadShare` of the units output 0 for every probe row,
 * at the last finite epoch.
 * @example
 * detectDyingRelu(signals).fired;
 */
export function detectDyingRelu(signals: HealthSignals, thresholds: HealthThresholds = healthThresholds): Detection {
  return shareDetector(signals, 'dying-relu', (a) => a.deadShare, thresholds.deadShare, {
    kind: 'ReLU',
    fired: 'dying ReLU',
    healthy: 'ReLU units alive',
  });
}

/**
 * Saturated tanh/sigmoid units: a layer where at least `saturatedShare` of the units sit in the
 * flat part of the activation on the probe batch, at the last finite epoch.
 * @example
 * detectSaturation(signals).layers; // ['dense_1']
 */
export function detectSaturation(signals: HealthSignals, thresholds: HealthThresholds = healthThresholds): Detection {
  return shareDetector(signals, 'saturation', (a) => a.saturatedShare, thresholds.saturatedShare, {
    kind: 'tanh/sigmoid',
    fired: 'saturated units',
    healthy: 'tanh/sigmoid units not saturated',
  });
}
