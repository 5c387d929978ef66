import { packageVersion } from './version.js';
import { definePlugin, type Analysis, type AnalysisContext, type Dataset, type Plugin, type SplitterFactory } from '@losslens/core';
import { groupKFold, type GroupKFoldOptions } from './group-k-fold.js';
import { kFold, type KFoldOptions } from './k-fold.js';
import { leaveOneOut } from './leave-one-out.js';
import { shiftReport, type ShiftReportOptions } from './shift-report.js';
import { holdoutSplit, shuffleSplit, type HoldoutOptions, type ShuffleSplitOptions } from './shuffle-split.js';
import { stratifiedKFold, type StratifiedKFoldOptions } from './stratified-k-fold.js';
import { timeSeriesSplit, type TimeSeriesSplitOptions } from './time-series-split.js';

/** The version this package registers under (from package.json). */
export const VALIDATE_PLUGIN_VERSION: string = packageVersion;

/** What the `validate/shift-tests` analysis reads from its context. */
export interface ShiftAnalysisContext extends AnalysisContext {
  train?: Dataset;
  test?: Dataset;
  shiftOptions?: ShiftReportOptions;
}

/**
 * The analysis behind the mismatch branch: runs {@link shiftReport} on the context's `train`
 * and `test` datasets (it applies only when both are there) and reports whether the test
 * inputs differ, the p-values, and the features that drive it.
 * @example
 * const evidence = await shiftAnalysis.run({ rng: createRng(1), events: silentChannel, train, test });
 */
export const shiftAnalysis: Analysis<ShiftAnalysisContext> = {
  title: 'train/test input shift',
  applies: (context) => context.train !== undefined && context.test !== undefined,
  run(context) {
    const train = context.train as Dataset;
    const test = context.test as Dataset;
    const report = shiftReport(train, test, { seed: context.rng.seed, ...context.shiftOptions });
    const finding = report.shifted
      ? `test inputs differ from training inputs${report.drivers.length > 0 ? `, mostly in ${report.drivers.slice(0, 3).join(', ')}` : ''}`
      : 'no evidence that test inputs differ from training inputs';
    const values: Record<string, unknown> = { shifted: report.shifted, alpha: report.alpha, drivers: report.drivers };
    for (const t of report.tests) values[t.test] = { statistic: t.statistic, pValue: t.pValue, alpha: t.alpha, shifted: t.shifted, drivers: t.drivers };
    return { check: 'shift-tests', finding, values };
  },
};

/**
 * The `@losslens/validate` plugin: splitters `validate/kfold`, `validate/stratified-kfold`,
 * `validate/group-kfold`, `validate/time-series`, `validate/shuffle-split`,
 * `validate/holdout`, `validate/leave-one-out` (each takes its function's options), and the
 * analysis `validate/shift-tests`.
 * @example
 * const lens = await createLens({ plugins: [validate()] });
 * const folds = lens.splitters.get('validate/kfold')({ folds: 5 }).split(100);
 */
export function validate(): Plugin {
  const splitters: Record<string, SplitterFactory> = {
    'validate/kfold': (config) => kFold(config as KFoldOptions),
    'validate/stratified-kfold': (config) => stratifiedKFold(config as StratifiedKFoldOptions),
    'validate/group-kfold': (config) => groupKFold(config as GroupKFoldOptions),
    'validate/time-series': (config) => timeSeriesSplit(config as TimeSeriesSplitOptions),
    'validate/shuffle-split': (config) => shuffleSplit(config as ShuffleSplitOptions),
    'validate/holdout': (config) => holdoutSplit(config as HoldoutOptions),
    'validate/leave-one-out': () => leaveOneOut(),
  };
  return definePlugin({
    name: '@losslens/validate',
    version: VALIDATE_PLUGIN_VERSION,
    provides: { splitters, analyses: { 'validate/shift-tests': shiftAnalysis as unknown as Analysis } },
  });
}
