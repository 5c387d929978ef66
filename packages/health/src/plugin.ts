/**
 * The `@losslens/health` plugin: every detector, sanity check, the learning-rate range test and
 * the gradient noise scale as analyses `health/<name>` the diagnosis can run.
 */
import { packageVersion } from './version.js';
import { definePlugin, type Analysis, type AnalysisContext, type Dataset, type Evidence, type Model, type Plugin } from '@losslens/core';
import type { OptimizerName } from '@losslens/optim';
import { detectorNames, type Detection, type DetectorName } from './detection.js';
import { detectHealth } from './detectors/detect-health.js';
import { lrFind } from './lr-find.js';
import { gradientNoiseScale } from './noise-scale.js';
import { labelShuffleCheck } from './sanity/label-shuffle.js';
import { overfitOneBatch } from './sanity/overfit-batch.js';
import { zeroedInputBaseline } from './sanity/zeroed-input.js';
import type { SanityOptions } from './sanity/brief-fit.js';
import type { HealthSignals } from './signals.js';
import type { HealthThresholds } from './thresholds.js';

/** The version this package registers under (from package.json). */
export const HEALTH_PLUGIN_VERSION: string = packageVersion;

/** Training settings of the cheap runs (sanity checks, range test); defaults as in each function. */
export interface HealthFitSettings {
  optimizer?: OptimizerName;
  learningRate?: number;
  epochs?: number;
  batchSize?: number | 'full';
  seed?: number;
}

/**
 * What the `health/*` analyses read from their context. Detector analyses apply when
 * `healthSignals` is there; the sanity checks, `health/lr-range` and `health/noise-scale`
 * when `model` and `train` are (`health/label-shuffle` also needs `validation`).
 */
export interface HealthAnalysisContext extends AnalysisContext {
  /** The diagnosed run's signals, recorded with `recordHealth` during its fit. */
  healthSignals?: HealthSignals;
  /** Overrides of `healthThresholds`. */
  healthThresholds?: Partial<HealthThresholds>;
  /** The model (fresh weights are drawn for every cheap run). */
  model?: Model;
  train?: Dataset;
  validation?: Dataset;
  /** Settings of the cheap runs; the seed defaults to `rng.seed`. */
  healthFit?: HealthFitSettings;
  /** θ at which `health/noise-scale` measures (default: `model.init(seed)`). */
  theta?: Float32Array;
}

/** The `values` of a detector's evidence: fired, value, threshold, plus the detector's own numbers. */
export function detectionEvidence(d: Detection): Evidence {
  const values: Record<string, unknown> = { fired: d.fired, value: d.value, threshold: d.threshold };
  if (d.layers !== undefined) values['layers'] = d.layers;
  if (d.epoch !== undefined) values['epoch'] = d.epoch;
  if (d.values !== undefined) Object.assign(values, d.values);
  return { check: d.detector, finding: d.finding, values };
}

const titles: Record<DetectorName, string> = {
  'non-finite': 'non-finite loss or weights',
  'vanishing-gradients': 'vanishing gradients per layer',
  'exploding-gradients': 'exploding gradients per layer',
  'dying-relu': 'dying ReLU units',
  saturation: 'saturated tanh/sigmoid units',
  'oscillating-loss': 'oscillating loss',
  plateau: 'plateau / slow convergence',
  'learning-rate-too-large': 'learning rate too large (update/weight ratio)',
  'learning-rate-too-small': 'learning rate too small (update/weight ratio)',
  'initial-loss': 'loss at initialization vs its expected value',
};

/**
 * The analysis that runs one detector on `context.healthSignals`.
 * @example
 * const evidence = await detectorAnalysis('vanishing-gradients').run({ rng, events, healthSignals });
 */
export function detectorAnalysis(name: DetectorName): Analysis<HealthAnalysisContext> {
  return {
    title: titles[name],
    applies: (context) => context.healthSignals !== undefined,
    run(context) {
      const signals = context.healthSignals as HealthSignals;
      const found = detectHealth(signals, context.healthThresholds === undefined ? {} : { thresholds: context.healthThresholds });
      return detectionEvidence(found.find((d) => d.detector === name) as Detection);
    },
  };
}

const hasModel = (c: HealthAnalysisContext) => c.model !== undefined && c.train !== undefined;
const sanity = (c: HealthAnalysisContext): SanityOptions => ({
  model: c.model as Model,
  train: c.train as Dataset,
  ...(c.validation === undefined ? {} : { validation: c.validation }),
  ...c.healthFit,
  seed: c.healthFit?.seed ?? c.rng.seed,
});
const toEvidence = (check: string, result: { finding: string } & object): Evidence => {
  const { finding, ...values } = result as { finding: string } & Record<string, unknown>;
  delete values['check'];
  return { check, finding, values };
};

/** Every analysis of the plugin, by registry key. */
export const healthAnalyses: Readonly<Record<string, Analysis<HealthAnalysisContext>>> = {
  ...Object.fromEntries(detectorNames.map((name) => [`health/${name}`, detectorAnalysis(name)])),
  'health/overfit-one-batch': {
    title: 'overfit one 16-row batch',
    applies: hasModel,
    run: async (c) => toEvidence('overfit-one-batch', await overfitOneBatch(sanity(c))),
  },
  'health/zeroed-input-baseline': {
    title: 'input-independent (zeroed-input) baseline',
    applies: hasModel,
    run: async (c) => toEvidence('zeroed-input-baseline', await zeroedInputBaseline(sanity(c))),
  },
  'health/label-shuffle': {
    title: 'label-shuffle leak check',
    applies: (c) => hasModel(c) && c.validation !== undefined,
    run: async (c) => toEvidence('label-shuffle', await labelShuffleCheck({ ...sanity(c), validation: c.validation as Dataset })),
  },
  'health/lr-range': {
    title: 'learning-rate range test',
    applies: hasModel,
    async run(c) {
      const found = await lrFind({
        model: c.model as Model,
        train: c.train as Dataset,
        ...(c.healthFit?.optimizer === undefined ? {} : { optimizer: c.healthFit.optimizer }),
        ...(c.healthFit?.batchSize === undefined ? {} : { batchSize: c.healthFit.batchSize }),
        seed: c.healthFit?.seed ?? c.rng.seed,
        events: c.events,
      });
      return {
        check: 'lr-range',
        finding: `suggested learning rate ${found.suggested.toPrecision(3)} (×/÷ ${found.spread.toFixed(2)} over ${found.ramps.length} ramps); the loss bottoms out near ${found.minimum.toPrecision(3)}`,
        values: { suggested: found.suggested, spread: found.spread, range: found.range, minimum: found.minimum, divergedAt: found.ramps.map((r) => r.divergedAt ?? null) },
      };
    },
  },
  'health/noise-scale': {
    title: 'gradient noise scale (critical batch size)',
    applies: hasModel,
    run: async (c) =>
      toEvidence('noise-scale', await gradientNoiseScale({ model: c.model as Model, data: c.train as Dataset, ...(c.theta === undefined ? {} : { theta: c.theta }), seed: c.healthFit?.seed ?? c.rng.seed })),
  },
};

/**
 * The `@losslens/health` plugin: analyses `health/<detector>` for each of `detectorNames`
 * (over `healthSignals`), `health/overfit-one-batch`, `health/zeroed-input-baseline`,
 * `health/label-shuffle`, `health/lr-range` and `health/noise-scale` (over `model`, `train`,
 * `validation`); see {@link HealthAnalysisContext}.
 * @example
 * const lens = await createLens({ plugins: [health()] });
 * const evidence = await lens.analyses.get('health/dying-relu').run({ rng, events, healthSignals });
 */
export function health(): Plugin {
  return definePlugin({
    name: '@losslens/health',
    version: HEALTH_PLUGIN_VERSION,
    provides: { analyses: healthAnalyses as unknown as Record<string, Analysis> },
  });
}
