import type { Analysis } from '@losslens/core';
import { criticalCheck, gradientFlow, sampleRows } from '../curvature.js';
import { AFTER_COMPARISONS, type DiagnosisContext } from './context.js';

const trainingLossLarge = (context: DiagnosisContext) => context.decision?.path[0] === 'training-loss-large';

/**
 * `diagnose/gradient-flow`: per-layer gradient norms at initialization, on the large-training-loss
 * branch (vanishing or exploding gradients point to an optimization issue).
 * @example
 * if (gradientFlowCheck.applies?.(context)) await gradientFlowCheck.run(context);
 */
export const gradientFlowCheck: Analysis<DiagnosisContext> = {
  title: 'gradient flow at initialization',
  needs: AFTER_COMPARISONS,
  provides: ['gradientFlow'],
  applies: trainingLossLarge,
  run({ model, train, plan, settings, loss }) {
    const flow = gradientFlow(model, model.init(settings.seed), sampleRows(train, plan.curvatureRows, settings.seed), loss);
    return { measurement: flow ? { gradientFlow: flow } : {} };
  },
};

/**
 * `diagnose/critical-point`: the Hessian at the end of your training (kind of point, extreme
 * eigenvalues, minimum ratio, escape step), on the large-training-loss branch when training
 * did not diverge.
 * @example
 * const { measurement } = await criticalPointCheck.run(context); // { critical, hessian }
 */
export const criticalPointCheck: Analysis<DiagnosisContext> = {
  title: 'critical point at the end of training',
  needs: AFTER_COMPARISONS,
  provides: ['critical', 'hessian'],
  applies: (context) => trainingLossLarge(context) && context.measurements.user?.diverged === false && context.userTheta !== undefined,
  run({ model, train, plan, settings, loss, userTheta, events }) {
    events.emit({ type: 'stage', name: 'critical point', state: 'start', message: `Hessian of ${model.parameterCount} parameters` });
    const sample = sampleRows(train, plan.curvatureRows, settings.seed);
    const { summary, report } = criticalCheck(model, userTheta!, sample, loss, { fullLimit: plan.fullHessianLimit, seed: settings.seed });
    events.emit({ type: 'stage', name: 'critical point', state: 'end' });
    return { measurement: { critical: summary, hessian: report } };
  },
};
