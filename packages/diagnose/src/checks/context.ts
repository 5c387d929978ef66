/**
 * What the diagnosis's checks work with: the prepared data, the user's model and settings, a
 * service that trains runs side by side, and the measurements taken so far.
 */
import type { AnalysisContext, Dataset, Lens, LossFunction, Model } from '@losslens/core';
import type { AugmentationSpec, OptimizerName } from '@losslens/optim';
import type { BudgetPlan } from '../budget.js';
import type { Measurements } from '../measurements.js';
import type { Thresholds } from '../thresholds.js';
import type { Decision } from '../tree.js';
import type { RunRequest, TrainedRun } from './run-service.js';

/** The user's training settings, as the diagnosis applies them to every run. */
export interface DiagnosisSettings {
  /** Your model's spec, or its label when you gave a model object. */
  spec: string;
  /** The model object you gave (e.g. from `fromLayersModel`); your runs train it, in this thread. */
  own?: Model;
  /** The spec its relatives are derived from (your spec, or a model object's equivalent spec). */
  relativesOf?: string;
  optimizer: OptimizerName | (string & {});
  learningRate?: number;
  epochs: number;
  batchSize: number | 'full';
  seed: number;
  /** How many seeds the decisive comparisons run on (yours, then the next ones). Default 1. */
  seeds?: number;
  augment?: AugmentationSpec;
}

/**
 * The context every diagnosis check receives (a third party's analyses too). `measurements`
 * holds what earlier checks measured; `decision` is the tree's answer on those measurements,
 * once the comparison runs exist.
 */
export interface DiagnosisContext extends AnalysisContext {
  lens: Lens;
  settings: DiagnosisSettings;
  plan: BudgetPlan;
  thresholds: Thresholds;
  /** The training part, standardized on itself. */
  train: Dataset;
  /** The rows every training run trains on: `train`, or the budget's sample of it. */
  runTrain?: Dataset;
  /** The validation part held out from the training data, standardized like `train`. */
  validation: Dataset;
  test?: Dataset;
  /** The user's model (fresh; `model.init(seed)` for its initial θ). */
  model: Model;
  loss: LossFunction;
  /** Trains runs with the user's settings and what a request changes, side by side. */
  trainRuns(requests: readonly RunRequest[]): Promise<TrainedRun[]>;
  /** What the checks so far measured, keyed as in {@link Measurements} (plus plugins' own keys). */
  measurements: Partial<Measurements> & Record<string, unknown>;
  decision?: Decision;
  /** θ at the end of the user's run, once the comparisons have trained it. */
  userTheta?: Float32Array;
  /** Folder a model.json path resolves against. */
  cwd?: string;
}

/** What a check needs to run after the comparison runs (and see the tree's preliminary decision). */
export const AFTER_COMPARISONS: readonly string[] = ['user', 'others', 'baseline'];
