/**
 * The measurements the decision tree reads. The orchestrator (`diagnose`) fills them by
 * training runs and analyses; the tree itself is a pure function of them, so every branch
 * can be tested with constructed numbers.
 */
import type { Task } from '@losslens/core';

/** The verdicts of the lecture's tree. */
export type Verdict = 'model-bias' | 'optimization' | 'overfitting' | 'mismatch' | 'healthy';

/** Why a run was made: the user's own settings, a relative of the model, or a cheap remedy. */
export type RunRole =
  | 'user'
  | 'shallower'
  | 'deeper'
  | 'wider'
  | 'narrower'
  | 'flexible'
  | 'optimizer'
  | 'regularized'
  | 'early-stopping'
  | 'longer';

/** One training run's outcome; losses are in the units of `Measurements.lossName`. */
export interface RunSummary {
  label: string;
  role: RunRole;
  spec: string;
  optimizer: string;
  learningRate: number;
  parameters: number;
  train: number;
  validation: number;
  test?: number;
  trainAccuracy?: number;
  validationAccuracy?: number;
  testAccuracy?: number;
  diverged: boolean;
  epochs: number;
  /**
   * Standard error of the validation loss: the per-row losses' standard deviation over √rows
   * (measured for your run).
   */
  validationStandardError?: number;
  /** The seeds this run's losses are the mean over (with `--seeds N`), and the per-seed losses. */
  seeds?: { seed: number; train: number; validation: number; test?: number }[];
  /** Final full-batch gradient norm at the end of training. */
  gradientNorm?: number;
  history: { epoch: number; trainLoss: number; validationLoss?: number }[];
}

/** Training-set size → losses (held-out gap should shrink with more data when overfitting). */
export interface LearningCurvePoint {
  size: number;
  train: number;
  validation: number;
  test?: number;
}

/** The train-vs-test input comparison (several two-sample tests, Bonferroni-combined). */
export interface ShiftSummary {
  /** Whether any test rejects "same distribution" at its share of `alpha`. */
  shifted: boolean;
  alpha: number;
  tests: { test: string; statistic: number; pValue?: number; shifted: boolean }[];
  /** Features that drive the difference, most important first. */
  drivers: string[];
}

/** The critical-point check at the end of the user's training. */
export interface CriticalSummary {
  gradientNorm: number;
  kind: string;
  minimumRatio: number;
  /** Eigenvalues in the zero band (flat directions), exact or estimated by SLQ. */
  flatDirections?: number;
  minEigenvalue: number;
  maxEigenvalue: number;
  parameters: number;
  method: string;
  escape?: { eigenvalue: number; step: number; lossBefore: number; lossAfter: number };
}

/** Per-layer gradient norms at the start of training. */
export interface GradientFlow {
  layers: { name: string; norm: number }[];
  /** First layer's norm over last layer's. */
  firstToLast: number;
}

/** One health detector's result on the recorded re-run of your settings (`@losslens/health`). */
export interface HealthDetection {
  /** The detector's name, e.g. `vanishing-gradients`. */
  detector: string;
  fired: boolean;
  /** The detector's own sentence, with the measured value and its threshold. */
  finding: string;
  /** The measured value compared with `threshold` (NaN when the signals do not allow it). */
  value: number;
  threshold: number;
  /** The layers it fired for, by name (`dense_1`), in model order. */
  layers: string[];
  /** The same layers as 1-based positions among the model's weight layers. */
  positions: number[];
  /** The model's weight layers (the output layer is the last). */
  weightLayers: number;
  /** The epoch it refers to (e.g. the first non-finite one). */
  epoch?: number;
}

/** One fix tried for a fired detector across seeds (`repairAndVerify` of `@losslens/health`). */
export interface HealthRepair {
  detector: string;
  /** `relu`, `batch-norm`, `lower-rate`, `clip-norm`, `suggested-rate`, … */
  remedy: string;
  description: string;
  /** The settings the fix trains with. */
  spec: string;
  learningRate: number;
  clipNorm?: number;
  seeds: number[];
  /** Final losses per seed of your settings and of the fix (+Infinity when not finite). */
  before: { train: number[]; validation: number[] };
  after: { train: number[]; validation: number[] };
  /** Every seed's validation loss with the fix below every seed's without it (the seed noise). */
  beyondNoise: boolean;
  /**
   * Beyond the noise, and the mean validation loss with the fix beats the one without it by the
   * tree's margin (`beats`: max(marginOfBaseline × baseline, marginRelative × loss)).
   */
  helped: boolean;
}

/** What the recorded re-run of your settings showed: every detector's result, and the fixes tried. */
export interface TrainingHealth {
  /** The seed of the recorded run (yours). */
  seed: number;
  /** Epochs the recorded run trained. */
  epochs: number;
  detections: HealthDetection[];
  repairs: HealthRepair[];
  /** Why some or all fixes were not tried, as a sentence (e.g. "no fix tried: your model is a model object …"). */
  repairSkipped?: string;
}

/** Everything the tree may look at. */
export interface Measurements {
  task: Task;
  lossName: string;
  /** The trivial predictor's losses (training mean / class prior). */
  baseline: { train: number; validation: number; test?: number };
  user: RunSummary;
  /** Relatives and remedy runs. */
  others: RunSummary[];
  learningCurve?: LearningCurvePoint[];
  shift?: ShiftSummary;
  critical?: CriticalSummary;
  gradientFlow?: GradientFlow;
  /** The health detectors on a recorded re-run of your settings, and the fixes tried. */
  health?: TrainingHealth;
  /** Rows in the validation split (the standard error's sample size). */
  validationRows?: number;
}
