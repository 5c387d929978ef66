import type { Analysis } from '@losslens/core';
import { modelFromSpec } from '@losslens/models';
import { affordableRuns, comparisonPlan } from '../comparison-plan.js';
import type { RunSummary } from '../measurements.js';
import { meanOverSeeds } from '../seeds.js';
import { lossStandardError } from '../standard-error.js';
import type { DiagnosisContext } from './context.js';

/**
 * `diagnose/comparison-runs`: your model with your settings, its relatives (shallower, wider,
 * deeper, or more flexible for a linear model) and another optimizer, trained side by side on
 * the same budget, on `settings.seeds` seeds (yours, then the next ones): each run's losses are
 * the means over the seeds, with the per-seed losses beside them. Your run also gets the
 * standard error of its validation loss.
 * @example
 * const { measurement } = await comparisonRuns.run(context); // { user, others, validationRows }
 */
export const comparisonRuns: Analysis<DiagnosisContext> = {
  title: 'your run and the comparison runs',
  provides: ['user', 'others'],
  async run(context) {
    const { settings, plan } = context;
    const userSettings = { optimizer: settings.optimizer, ...(settings.learningRate !== undefined ? { learningRate: settings.learningRate } : {}) };
    const { train, model } = context;
    const updates = settings.epochs * (settings.batchSize === 'full' ? 1 : Math.ceil(train.n / settings.batchSize));
    const shape = { inputShape: train.featureShape, outputs: train.outputs, task: train.task, models: context.lens.models };
    const own = settings.own ? { model: settings.own } : {};
    // A model object of yours: its relatives come from its equivalent spec, and the other-optimizer run trains it.
    const plannedRuns = comparisonPlan(settings.relativesOf ?? settings.spec, settings.optimizer, settings.learningRate, plan.relatives).map((run) =>
      run.role === 'optimizer' ? { ...run, spec: settings.spec, ...own } : run,
    );
    const affordable = affordableRuns(
      plannedRuns,
      (spec) => (spec === settings.spec ? model.parameterCount : modelFromSpec(spec, shape).parameterCount),
      model.parameterCount,
      updates,
    );
    const planned = [{ label: 'your model', role: 'user' as const, spec: settings.spec, ...own, ...userSettings }, ...affordable.runs];
    const seeds = Array.from({ length: Math.max(1, settings.seeds ?? 1) }, (_, k) => settings.seed + k);
    const trained = await context.trainRuns(seeds.flatMap((seed) => planned.map((r) => (seed === settings.seed ? r : { ...r, seed }))));
    const first = trained[0];
    if (first === undefined) throw new Error('no result for your model');
    context.userTheta = first.theta;
    const runs: RunSummary[] = planned.map((_, i) =>
      meanOverSeeds(seeds.map((seed, k) => ({ seed, run: trained[k * planned.length + i]!.run }))),
    );
    const [user, ...others] = runs;
    const validationStandardError = lossStandardError(context.model, first.theta, context.validation, context.loss, 2000, settings.seed);
    return {
      measurement: {
        user: { ...user!, ...(Number.isFinite(validationStandardError) ? { validationStandardError } : {}) },
        others,
        validationRows: context.validation.n,
      },
      ...(affordable.skipped.length > 0
        ? {
            evidence: [
              {
                check: 'relatives-over-budget',
                finding: `not trained, over the budget's work per relative (${affordable.skipped.map((r) => `${r.spec}: ${r.work.toExponential(2)} parameter-updates`).join('; ')})`,
                values: { skipped: affordable.skipped, yourWork: model.parameterCount * updates },
              },
            ],
          }
        : {}),
    };
  },
};
