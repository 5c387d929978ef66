import { createRng, type Analysis, type Dataset } from '@losslens/core';
import { subset } from '@losslens/data';
import { shiftReport } from '@losslens/validate';
import { sampleRows } from '../curvature.js';
import { gapIsLarge } from '../thresholds.js';
import type { RunRequest } from './run-service.js';
import { AFTER_COMPARISONS, type DiagnosisContext } from './context.js';

/** On the small-training-loss branch: is the validation or the test gap large? */
function gaps(context: DiagnosisContext): { validation: boolean; test: boolean } {
  const { measurements: m, thresholds: t } = context;
  if (context.decision?.path[0] !== 'training-loss-small' || m.user === undefined || m.baseline === undefined) return { validation: false, test: false };
  const u = m.user;
  return {
    validation: gapIsLarge(u.validation, u.train, m.baseline.validation, t),
    test: u.test !== undefined && gapIsLarge(u.test, u.train, m.baseline.validation, t),
  };
}
const anyGapLarge = (context: DiagnosisContext) => {
  const g = gaps(context);
  return g.validation || g.test;
};
const userSettings = ({ settings }: DiagnosisContext) => ({
  spec: settings.spec,
  ...(settings.own ? { model: settings.own } : {}),
  optimizer: settings.optimizer,
  ...(settings.learningRate !== undefined ? { learningRate: settings.learningRate } : {}),
});

/** Nested training subsets for the learning curve's fractions below 1 (the full set is your run). */
function learningCurveSubsets(train: Dataset, fractions: readonly number[], seed: number): Dataset[] {
  const order = createRng(seed).fork('learning-curve').permutation(train.n);
  return fractions
    .filter((f) => f < 1)
    .map((f) => Math.max(8, Math.round(f * train.n)))
    .filter((size) => size < train.n)
    .map((size) => subset(train, order.slice(0, size).sort((a, b) => a - b)));
}

/**
 * `diagnose/learning-curve`: your model trained on nested smaller parts of the training data;
 * a gap that shrinks with more rows points to overfitting. Runs when a held-out gap is large.
 * @example
 * const { measurement } = await learningCurveCheck.run(context); // { learningCurve: [{ size, train, validation, test? }] }
 */
export const learningCurveCheck: Analysis<DiagnosisContext> = {
  title: 'learning curve',
  needs: AFTER_COMPARISONS,
  provides: ['learningCurve'],
  applies: anyGapLarge,
  async run(context) {
    const subsets = learningCurveSubsets(context.train, context.plan.learningCurve, context.settings.seed);
    const requests: RunRequest[] = subsets.map((data) => ({ label: `learning curve (${data.n} rows)`, role: 'user', ...userSettings(context), data }));
    const trained = await context.trainRuns(requests);
    const runs = [...trained.map((r) => r.run), context.measurements.user!];
    const learningCurve = runs.map((r, i) => ({
      size: subsets[i]?.n ?? context.train.n,
      train: r.train,
      validation: r.validation,
      ...(r.test !== undefined ? { test: r.test } : {}),
    }));
    return { measurement: { learningCurve } };
  },
};

/**
 * `diagnose/remedy-runs`: the cheap remedies for overfitting (early stopping, L2 weight decay
 * 1e-3) with your settings, when a held-out gap is large. They join the comparison runs.
 * @example
 * const { measurement } = await remedyRuns.run(context); // { remedyRuns: [RunSummary, RunSummary] }
 */
export const remedyRuns: Analysis<DiagnosisContext> = {
  title: 'early stopping and weight decay',
  needs: AFTER_COMPARISONS,
  provides: ['remedyRuns'],
  applies: anyGapLarge,
  async run(context) {
    const trained = await context.trainRuns([
      { label: 'early stopping', role: 'early-stopping', ...userSettings(context), earlyStopping: true },
      { label: 'L2 weight decay 1e-3', role: 'regularized', ...userSettings(context), l2: 1e-3 },
    ]);
    return { measurement: { remedyRuns: trained.map((r) => r.run) } };
  },
};

/**
 * `diagnose/shift-tests`: do test inputs differ from training inputs (KS, Wasserstein, MMD, a
 * domain classifier; Bonferroni-combined)? Runs when a test set is given and its gap is large.
 * @example
 * const { measurement } = await shiftCheck.run(context); // { shift: { shifted, alpha, tests, drivers } }
 */
export const shiftCheck: Analysis<DiagnosisContext> = {
  title: 'train/test input shift',
  needs: AFTER_COMPARISONS,
  provides: ['shift'],
  applies: (context) => context.test !== undefined && gaps(context).test,
  run({ train, test, thresholds, settings, events }) {
    events.emit({ type: 'stage', name: 'train-test shift', state: 'start' });
    // Wide inputs (images): the per-feature Wasserstein permutation test costs features × rows × permutations.
    const wide = train.features.length / train.n > 64;
    const seed = settings.seed;
    const report = shiftReport(sampleRows(train, 500, seed), sampleRows(test!, 500, seed + 1), {
      alpha: thresholds.shiftAlpha,
      seed,
      ...(wide ? { tests: ['ks', 'mmd', 'domain-classifier'] as const } : {}),
    });
    events.emit({ type: 'stage', name: 'train-test shift', state: 'end' });
    return {
      measurement: {
        shift: {
          shifted: report.shifted,
          alpha: report.alpha,
          tests: report.tests.map((r) => ({ test: r.test, statistic: r.statistic, ...(r.pValue !== undefined ? { pValue: r.pValue } : {}), shifted: r.shifted })),
          drivers: report.drivers,
        },
      },
    };
  },
};
