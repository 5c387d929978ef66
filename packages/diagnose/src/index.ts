export { decide, assessTrainingLoss, biasOrOptimization, overfittingOrMismatch, trainingBeaters } from './tree.js';
export type { Decision, TreeNode } from './tree.js';
export { defaultThresholds, beats, gapIsLarge, gapAllowance } from './thresholds.js';
export type { Thresholds } from './thresholds.js';
export { remediesFor } from './remedies.js';
export type {
  Verdict,
  RunRole,
  RunSummary,
  LearningCurvePoint,
  ShiftSummary,
  CriticalSummary,
  GradientFlow,
  Measurements,
  TrainingHealth,
  HealthDetection,
  HealthRepair,
} from './measurements.js';
export { diagnose, FEW_ROWS } from './diagnose.js';
export { defaultLearningRate } from './learning-rate.js';
export type { DiagnoseOptions, Diagnosis } from './diagnose.js';
export { comparisonPlan } from './comparison-plan.js';
export type { PlannedRun } from './comparison-plan.js';
export { diagnosePlugin, builtinCheckKeys } from './plugin.js';
export { runChecks, treeMeasurements } from './checks/run-checks.js';
export type { NamedCheck, CheckLog } from './checks/run-checks.js';
export type { DiagnosisContext, DiagnosisSettings } from './checks/context.js';
export type { RunRequest, TrainedRun } from './checks/run-service.js';
export { DiagnosisStopped, isDiagnosisStopped } from './checks/run-store.js';
export type { RunStore } from './checks/run-store.js';
export { budgets, epochsFor, runSize, MIN_EPOCHS } from './budget.js';
export type { Budget, BudgetPlan, RunSize } from './budget.js';
export { fitBaseline } from './baseline.js';
export type { Baseline } from './baseline.js';
export { gradientFlow, criticalCheck, sampleRows } from './curvature.js';
export { diagnosisMarkdown } from './markdown.js';
export { diagnosisReport, treeHtml } from './report.js';
export type { SeedAgreement } from './seeds.js';
