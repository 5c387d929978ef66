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
} from './measurements.js';
