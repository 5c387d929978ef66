/**
 * Hand-made measurements for the tree's unit tests: a run summary and the measurements around it.
 */
import type { Measurements, RunSummary } from '../src/measurements.js';

/** A run summary with the given losses (sgd, 100 parameters, 10 epochs unless `extra` says otherwise). */
export const run = (label: string, role: RunSummary['role'], train: number, validation: number, extra: Partial<RunSummary> = {}): RunSummary => ({
  label,
  role,
  spec: label,
  optimizer: 'sgd',
  learningRate: 0.01,
  parameters: 100,
  train,
  validation,
  diverged: false,
  epochs: 10,
  history: [],
  ...extra,
});

/** Regression measurements with a baseline of 1 everywhere. */
export const measure = (user: RunSummary, others: RunSummary[], extra: Partial<Measurements> = {}): Measurements => ({
  task: 'regression',
  lossName: 'mse',
  baseline: { train: 1, validation: 1, test: 1 },
  user,
  others,
  ...extra,
});
