/**
 * Learning-rate schedules: functions from the training position to a rate. `step` counts
 * updates already taken (0 for the first), `epoch` is 0-based; `fit` also passes
 * `stepsPerEpoch`, which lets warm-ups be given in epochs.
 */
import { InputError, type Schedule } from '@losslens/core';
import { numberOption, rejectUnknownOptions } from '../optimizers/options.js';

/** What a schedule receives from `fit`: the core fields plus the number of updates per epoch. */
export type ScheduleAt = Parameters<Schedule>[0] & { stepsPerEpoch?: number };

/**
 * The base rate at every step.
 * @example
 * constant()({ step: 10, epoch: 1, baseRate: 0.1 }); // 0.1
 */
export function constant(): Schedule {
  return ({ baseRate }) => baseRate;
}

/** Options of {@link stepDecay}. */
export interface StepDecayConfig {
  /** Decay every this many epochs. */
  every: number;
  /** Factor applied at each decay. Default 0.1. */
  gamma?: number;
}

/**
 * Step decay (PyTorch `StepLR` stepped per epoch): `baseRate·gamma^⌊epoch/every⌋`.
 * @example
 * stepDecay({ every: 10, gamma: 0.5 })({ step: 0, epoch: 25, baseRate: 1 }); // 0.25
 */
export function stepDecay(config: StepDecayConfig): Schedule {
  rejectUnknownOptions('stepDecay', config, ['every', 'gamma']);
  const every = numberOption('stepDecay', 'every', config.every, Number.NaN, { min: 1, integer: true });
  const gamma = numberOption('stepDecay', 'gamma', config.gamma, 0.1, { above: 0 });
  return ({ epoch, baseRate }) => baseRate * gamma ** Math.floor(epoch / every);
}

/** Options of {@link cosine}: the length in steps or in epochs (one of them). */
export interface CosineConfig {
  totalSteps?: number;
  totalEpochs?: number;
  /** Rate reached at the end. Default 0. */
  minRate?: number;
}

/**
 * Cosine annealing (Loshchilov & Hutter, PyTorch `CosineAnnealingLR` closed form):
 * `min + (base − min)·(1 + cos(π·t/T))/2` with t clamped to T (then it stays at `minRate`).
 * With `totalEpochs`, t and T count steps using `stepsPerEpoch` (per epoch when `fit` does not pass it).
 * @example
 * cosine({ totalSteps: 100 })({ step: 50, epoch: 0, baseRate: 1 }); // 0.5
 */
export function cosine(config: CosineConfig): Schedule {
  rejectUnknownOptions('cosine', config, ['totalSteps', 'totalEpochs', 'minRate']);
  if ((config.totalSteps === undefined) === (config.totalEpochs === undefined)) {
    throw new InputError('E_VALUE', 'cosine: give exactly one of "totalSteps" or "totalEpochs"');
  }
  const minRate = numberOption('cosine', 'minRate', config.minRate, 0, { min: 0 });
  const byEpochs = config.totalEpochs !== undefined;
  const total = byEpochs
    ? numberOption('cosine', 'totalEpochs', config.totalEpochs, 1, { above: 0 })
    : numberOption('cosine', 'totalSteps', config.totalSteps, 1, { above: 0 });
  return (at: ScheduleAt) => {
    const perEpoch = at.stepsPerEpoch;
    const [t, T] = byEpochs
      ? perEpoch === undefined
        ? [at.epoch, total]
        : [at.step, total * perEpoch]
      : [at.step, total];
    return minRate + (at.baseRate - minRate) * 0.5 * (1 + Math.cos((Math.PI * Math.min(t, T)) / T));
  };
}

/** Options of {@link linearWarmup}: the warm-up length in steps or in epochs (one of them). */
export interface WarmupConfig {
  steps?: number;
  /** Needs `stepsPerEpoch` from `fit` (else counts whole epochs). */
  epochs?: number;
  /** Factor at step 0. Default 0.1. */
  startFactor?: number;
  /** The schedule the warm-up factor multiplies. Default {@link constant}. */
  then?: Schedule;
}

/**
 * Linear warm-up (PyTorch `LinearLR` shape): factor `s + (1 − s)·min(t, W)/W` from `startFactor` s
 * to 1 over W steps, times the `then` schedule.
 * @example
 * linearWarmup({ steps: 10, startFactor: 0 })({ step: 5, epoch: 0, baseRate: 1 }); // 0.5
 */
export function linearWarmup(config: WarmupConfig): Schedule {
  rejectUnknownOptions('linearWarmup', config, ['steps', 'epochs', 'startFactor', 'then']);
  if ((config.steps === undefined) === (config.epochs === undefined)) {
    throw new InputError('E_VALUE', 'linearWarmup: give exactly one of "steps" or "epochs"');
  }
  const start = numberOption('linearWarmup', 'startFactor', config.startFactor, 0.1, { min: 0 });
  const byEpochs = config.epochs !== undefined;
  const length = byEpochs
    ? numberOption('linearWarmup', 'epochs', config.epochs, 1, { min: 0 })
    : numberOption('linearWarmup', 'steps', config.steps, 1, { min: 0 });
  const then = config.then ?? constant();
  return (at: ScheduleAt) => {
    const [t, W] = byEpochs
      ? at.stepsPerEpoch === undefined
        ? [at.epoch, length]
        : [at.step, length * at.stepsPerEpoch]
      : [at.step, length];
    const factor = W <= 0 ? 1 : start + (1 - start) * Math.min(t, W) / W;
    return factor * then(at);
  };
}
