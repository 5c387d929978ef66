/**
 * `diagnose/training-health`: one recorded re-run of your settings in this thread (the
 * comparison runs train in worker threads, where fit hooks cannot reach), the health
 * detectors on its per-layer signals, and for each fired detector the cheapest fix tried
 * across seeds.
 */
import type { Analysis } from '@losslens/core';
import { detectHealth, lrFind, recordHealth, repairAndVerify, type Detection, type DetectorName, type HealthSignals, type RepairSettings } from '@losslens/health';
import { createModel, isModelPath } from '@losslens/models';
import { defaultLearningRates, fit, isOptimizerName, type OptimizerName } from '@losslens/optim';
import { OPTIMIZATION_DETECTORS } from '../health-evidence.js';
import { beats } from '../thresholds.js';
import type { HealthDetection, HealthRepair, TrainingHealth } from '../measurements.js';
import { AFTER_COMPARISONS, type DiagnosisContext } from './context.js';

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** Fewer seeds than this cannot show a fix beating the seed-to-seed noise. */
export const REPAIR_SEEDS = 3;

/** Whether a run's recorded losses hold a non-finite value (a signal worth the detectors anywhere in the tree). */
const nonFiniteLoss = (context: DiagnosisContext): boolean => {
  const u = context.measurements.user;
  return u !== undefined && (u.diverged || u.history.some((h) => !Number.isFinite(h.trainLoss)));
};

/**
 * On the large-training-loss branch with your run no better than the trivial baseline: model
 * bias or a training that never started, which the detectors tell apart. (When a more flexible
 * model clearly trains lower, the comparisons have answered already: model bias.)
 */
const stuckAtBaseline = (context: DiagnosisContext): boolean => {
  const { user, baseline } = context.measurements;
  if (context.decision?.path[0] !== 'training-loss-large' || user === undefined || baseline === undefined) return false;
  return !beats(user.train, baseline.train, baseline.train, context.thresholds);
};

/**
 * A {@link Detection} as the tree reads it: the fired layers also as 1-based positions among
 * the model's weight layers.
 * @example
 * healthDetection(detection, ['dense_1', 'dense_2', 'dense_3']).positions; // [1, 2]
 */
export function healthDetection(d: Detection, weightLayers: readonly string[]): HealthDetection {
  const layers = d.layers ?? [];
  return {
    detector: d.detector,
    fired: d.fired,
    finding: d.finding,
    value: d.value,
    threshold: d.threshold,
    layers,
    positions: layers.map((l) => weightLayers.indexOf(l) + 1).filter((p) => p > 0),
    weightLayers: weightLayers.length,
    ...(d.epoch !== undefined ? { epoch: d.epoch } : {}),
  };
}

/** The weight layers' names (`dense_1`, …) of recorded signals, in model order. */
export const weightLayersOf = (signals: HealthSignals): string[] =>
  (signals.epochs[0]?.blocks ?? []).filter((b) => b.weight).map((b) => b.block.replace(/\/[^/]+$/, ''));

/** Why your settings cannot be re-trained by `repairAndVerify` (which builds models from specs), or undefined. */
function repairBlocker(context: DiagnosisContext): string | undefined {
  const s = context.settings;
  if (s.own !== undefined || isModelPath(s.spec)) return 'your model is a model object or model.json; the fixes change a spec';
  try {
    createModel(s.spec, { inputShape: context.train.featureShape, outputs: context.train.outputs, task: context.train.task });
  } catch {
    return `the spec ${s.spec} is a plugin's`;
  }
  const optimizer = s.optimizer.replace(/^optim\//, '');
  if (!isOptimizerName(optimizer)) return `the optimizer ${s.optimizer} is a plugin's`;
  if (s.augment !== undefined) return 'your runs use an augmentation, which the fixes do not replay';
  return undefined;
}

/**
 * `diagnose/training-health`: on the large-training-loss branch, or when your loss became
 * non-finite, re-trains your settings once in this thread with `recordHealth`, runs the ten
 * detectors of `@losslens/health`, and tries the cheapest fix of each fired detector with
 * `repairAndVerify` on {@link REPAIR_SEEDS} seeds or your `seeds` (yours, then the next ones).
 * Provides `health` (what the tree reads) and `healthSignals` (what the report plots).
 * @example
 * const { measurement } = await trainingHealthCheck.run(context); // { health: { detections, repairs }, healthSignals }
 */
export const trainingHealthCheck: Analysis<DiagnosisContext> = {
  title: 'training health (recorded re-run, detectors, fixes)',
  needs: AFTER_COMPARISONS,
  provides: ['health', 'healthSignals'],
  applies: (context) => nonFiniteLoss(context) || context.decision?.verdict === 'optimization' || stuckAtBaseline(context),
  async run(context) {
    const { settings, model, validation, lens, events } = context;
    const train = context.runTrain ?? context.train;
    events.emit({ type: 'stage', name: 'training health', state: 'start', message: 'a recorded re-run of your settings' });
    const recorder = recordHealth({ model, probe: train });
    let signals: HealthSignals;
    try {
      const result = await fit({
        model,
        train,
        validation,
        optimizer: settings.optimizer,
        lens,
        ...(settings.learningRate !== undefined ? { learningRate: settings.learningRate } : {}),
        epochs: settings.epochs,
        batchSize: settings.batchSize,
        seed: settings.seed,
        hooks: recorder.hooks,
      });
      signals = await recorder.finish(result);
    } catch (error) {
      recorder.dispose();
      throw error;
    }
    const weightLayers = weightLayersOf(signals);
    const detections = detectHealth(signals).map((d) => healthDetection(d, weightLayers));
    const fired = detections.filter((d) => d.fired).map((d) => d.detector as DetectorName);
    const health: TrainingHealth = { seed: settings.seed, epochs: signals.epochs.length - 1, detections, repairs: [] };
    const blocker = fired.length === 0 ? undefined : repairBlocker(context);
    if (blocker !== undefined) health.repairSkipped = `no fix tried: ${blocker}`;
    if (fired.length > 0 && blocker === undefined) {
      const optimizer = settings.optimizer.replace(/^optim\//, '') as OptimizerName;
      const repair: RepairSettings = {
        spec: settings.spec,
        optimizer,
        learningRate: settings.learningRate ?? defaultLearningRates[optimizer],
        epochs: settings.epochs,
        batchSize: settings.batchSize,
      };
      const count = Math.max(REPAIR_SEEDS, settings.seeds ?? 1);
      const seeds = Array.from({ length: count }, (_, k) => settings.seed + k);
      // The detectors that say gradient descent fails (vanishing, exploding, dead, saturated,
      // non-finite) first; the others (plateau, rate, oscillation) are often their symptoms and
      // get their fixes only when none of the first helped.
      const primary = fired.filter((d) => OPTIMIZATION_DETECTORS.has(d));
      const secondary = fired.filter((d) => !OPTIMIZATION_DETECTORS.has(d));
      events.emit({ type: 'stage', name: 'training health', state: 'start', message: `trying fixes for ${fired.join(', ')} on ${count} seeds` });
      const common = { train, validation, settings: repair, seeds, events };
      const baselineValidation = context.measurements.baseline?.validation ?? Number.NaN;
      const trials = primary.length > 0 ? await repairAndVerify({ ...common, detectors: primary }) : [];
      const helps = (t: (typeof trials)[number]) => t.helped && beats(mean(t.after), mean(t.before), baselineValidation, context.thresholds);
      if (trials.some(helps)) {
        if (secondary.length > 0) health.repairSkipped = `no fix tried for ${secondary.join(', ')}: the fix for ${trials.find(helps)!.detector} helped already`;
      } else if (secondary.length > 0) {
        const wantsRate = secondary.includes('learning-rate-too-small') || secondary.includes('plateau');
        const suggested = wantsRate ? (await lrFind({ model, train, optimizer, batchSize: settings.batchSize, seed: settings.seed, lens })).suggested : undefined;
        const baseline = trials[0] === undefined ? {} : { baseline: { on: trials[0].before, train: trials[0].beforeTrain } };
        trials.push(...(await repairAndVerify({ ...common, ...baseline, detectors: secondary, ...(suggested !== undefined ? { suggestedRate: suggested } : {}) })));
      }
      health.repairs = trials.map(
        (t): HealthRepair => ({
          detector: t.detector,
          remedy: t.remedy,
          description: t.description,
          spec: t.settings.spec,
          learningRate: t.settings.learningRate,
          ...(t.settings.clipNorm !== undefined ? { clipNorm: t.settings.clipNorm } : {}),
          seeds: t.seeds,
          before: { train: t.beforeTrain, validation: t.before },
          after: { train: t.afterTrain, validation: t.after },
          beyondNoise: t.helped,
          helped: t.helped && beats(mean(t.after), mean(t.before), baselineValidation, context.thresholds),
        }),
      );
    }
    events.emit({ type: 'stage', name: 'training health', state: 'end' });
    return { measurement: { health, healthSignals: signals } };
  },
};
