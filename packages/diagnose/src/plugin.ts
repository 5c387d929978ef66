/**
 * The diagnosis's own checks, registered as analyses through the same contract a plugin uses.
 */
import { definePlugin, type Analysis, type Plugin } from '@losslens/core';
import { baselineCheck } from './checks/baseline-check.js';
import { comparisonRuns } from './checks/comparison-runs.js';
import { criticalPointCheck, gradientFlowCheck } from './checks/curvature-checks.js';
import { longerRunCheck } from './checks/longer-run.js';
import { trainingHealthCheck } from './checks/training-health.js';
import { learningCurveCheck, remedyRuns, shiftCheck } from './checks/held-out-checks.js';
import { packageVersion } from './version.js';

/** The built-in checks by key, in the order the tree uses them. */
const checks = {
  'diagnose/baseline': baselineCheck,
  'diagnose/comparison-runs': comparisonRuns,
  'diagnose/gradient-flow': gradientFlowCheck,
  'diagnose/critical-point': criticalPointCheck,
  'diagnose/training-health': trainingHealthCheck,
  'diagnose/longer-run': longerRunCheck,
  'diagnose/learning-curve': learningCurveCheck,
  'diagnose/remedy-runs': remedyRuns,
  'diagnose/shift-tests': shiftCheck,
} as const;

/** The keys of the built-in checks, in tree order. */
export const builtinCheckKeys: readonly string[] = Object.keys(checks);

/**
 * The `@losslens/diagnose` plugin: registers the checks the lecture's tree consumes as analyses
 * (`diagnose/baseline`, `diagnose/comparison-runs`, `diagnose/gradient-flow`,
 * `diagnose/critical-point`, `diagnose/training-health`, `diagnose/longer-run`, `diagnose/learning-curve`, `diagnose/remedy-runs`,
 * `diagnose/shift-tests`). Each declares what it needs and provides; `diagnose` runs them.
 * @example
 * const lens = await createLens({ plugins: [data(), models(), optim(), critical(), validate(), diagnosePlugin()] });
 * await diagnose({ lens, train, model: 'linear' });
 */
export function diagnosePlugin(): Plugin {
  return definePlugin({
    name: '@losslens/diagnose',
    version: packageVersion,
    dependencies: ['@losslens/data', '@losslens/models', '@losslens/optim'],
    provides: { analyses: checks as unknown as Record<string, Analysis> },
  });
}
