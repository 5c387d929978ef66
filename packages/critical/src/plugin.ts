/**
 * The critical plugin: contributes the Hessian analysis through the same contract a
 * third-party plugin uses.
 */
import { packageVersion } from './version.js';
import { definePlugin, type Analysis, type AnalysisContext, type Dataset, type Model, type Plugin } from '@losslens/core';
import { analyzeCriticalPoint, type AnalyzeOptions } from './analyze.js';
import { datasetObjective } from './dataset-objective.js';

/**
 * The package version the plugin reports.
 * @example
 * definePlugin({ name: 'mine', version: '1.0.0', dependencies: [`@losslens/critical@^${criticalVersion}`] });
 */
export const criticalVersion: string = packageVersion;

/** What the `critical/hessian` analysis reads from its context. */
export interface HessianAnalysisContext extends AnalysisContext {
  model?: Model;
  theta?: Float32Array;
  train?: Dataset;
}

/**
 * The `critical/hessian` analysis: at `context.theta` of `context.model` on `context.train`,
 * the kind of point, the extreme eigenvalues, the minimum ratio and the escape step, as Evidence.
 * Applies only when the context holds a model, θ and training data.
 * @example
 * const evidence = await hessianAnalysis().run({ rng, events, model, theta, train });
 */
export function hessianAnalysis(options: Omit<AnalyzeOptions, 'events'> = {}): Analysis<HessianAnalysisContext> {
  return {
    title: 'Hessian at the trained point (critical-point kind, minimum ratio)',
    applies: (context) => context.model !== undefined && context.theta !== undefined && context.train !== undefined,
    run(context) {
      const { model, theta, train } = context as Required<Pick<HessianAnalysisContext, 'model' | 'theta' | 'train'>>;
      const objective = datasetObjective(model, train);
      try {
        const report = analyzeCriticalPoint(objective, theta, { ...options, events: context.events });
        const { eigenvalues: _all, layers: _layers, ...values } = report;
        return {
          check: 'critical/hessian',
          finding: `${report.kind}: ${report.reason}; minimum ratio ${report.minimumRatio.toFixed(3)}`,
          values: values as unknown as Record<string, unknown>,
        };
      } finally {
        objective.dispose();
      }
    },
  };
}

/**
 * The `@losslens/critical` plugin: registers the `critical/hessian` analysis.
 * @example
 * const lens = await createLens({ plugins: [critical()] });
 * lens.analyses.get('critical/hessian');
 */
export function critical(options: Omit<AnalyzeOptions, 'events'> = {}): Plugin {
  return definePlugin({
    name: '@losslens/critical',
    version: criticalVersion,
    provides: { analyses: { 'critical/hessian': hessianAnalysis(options) as unknown as Analysis } },
  });
}
