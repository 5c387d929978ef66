import type { Analysis } from '@losslens/core';
import { comparisonPlan } from '../comparison-plan.js';
import type { DiagnosisContext } from './context.js';

/**
 * `diagnose/comparison-runs`: your model with your settings, its relatives (shallower, wider,
 * deeper, or more flexible for a linear model) and another optimizer, trained side by side on
 * the same budget. A plugin model without relatives is compared with the other optimizer only.
 * @example
 * const { measurement } = await comparisonRuns.run(context); // { user, others, userTheta }
 */
export const comparisonRuns: Analysis<DiagnosisContext> = {
  title: 'your run and the comparison runs',
  provides: ['user', 'others'],
  async run(context) {
    const { settings, plan } = context;
    const userSettings = { optimizer: settings.optimizer, ...(settings.learningRate !== undefined ? { learningRate: settings.learningRate } : {}) };
    const planned = comparisonPlan(settings.relativesOf ?? settings.spec, settings.optimizer, settings.learningRate, plan.relatives).map((run) =>
      run.role === 'optimizer' ? { ...run, spec: settings.spec, ...(settings.own ? { model: settings.own } : {}) } : run,
    );
    const own = settings.own ? { model: settings.own } : {};
    const [user, ...compared] = await context.trainRuns([{ label: 'your model', role: 'user', spec: settings.spec, ...own, ...userSettings }, ...planned]);
    if (user === undefined) throw new Error('no result for your model');
    context.userTheta = user.theta;
    return { measurement: { user: user.run, others: compared.map((c) => c.run) } };
  },
};
