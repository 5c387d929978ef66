/**
 * The product's main job: given data and the user's model and training settings, train the
 * runs the lecture's tree needs, measure, and return the verdict with its evidence and
 * remedies. Every run is fresh (new weights) and seeded.
 */
import {
  InputError,
  createRng,
  silentChannel,
  type Analysis,
  type AnalysisContext,
  type Dataset,
  type EventChannel,
  type Evidence,
  type Model,
} from '@losslens/core';
import { fitStandardizer, holdout, subset } from '@losslens/data';
import { createModel, l2Penalty, lossForTask, relatives } from '@losslens/models';
import { evaluate, fit, type OptimizerName } from '@losslens/optim';
import { shiftReport } from '@losslens/validate';
import { fitBaseline } from './baseline.js';
import { budgets, epochsFor, type Budget } from './budget.js';
import { criticalCheck, gradientFlow, sampleRows } from './curvature.js';
import type { LearningCurvePoint, Measurements, RunRole, RunSummary, Verdict } from './measurements.js';
import { remediesFor } from './remedies.js';
import { defaultThresholds, gapIsLarge, type Thresholds } from './thresholds.js';
import { decide, type TreeNode } from './tree.js';
import type { HessianReport } from '@losslens/critical';

/** What to diagnose and how the user trains. */
export interface DiagnoseOptions {
  /** Training data; the validation split is taken from it. */
  train: Dataset;
  /** Test data, never used for any choice; enables the mismatch branch. */
  test?: Dataset;
  /** Model spec (DESIGN.md grammar). Default `mlp:32x32:relu`. */
  model?: string;
  /** Default `adam`. */
  optimizer?: OptimizerName;
  /**
   * Default: 0.01 for adam, adamw and lamb (Keras's 0.001 is tuned for long runs and leaves small
   * networks undertrained within a diagnosis budget, which would read as an optimization issue);
   * the optimizer's default rate otherwise.
   */
  learningRate?: number;
  /** Default: the budget's. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number | 'full';
  /** Default 0. */
  seed?: number;
  /** Default `standard`. */
  budget?: Budget;
  /** Share of the training rows held out for validation. Default 0.2. */
  validationFraction?: number;
  thresholds?: Partial<Thresholds>;
  /** Extra checks (e.g. from plugins), run after the tree and reported as evidence. */
  analyses?: readonly Analysis[];
  events?: EventChannel;
}

/** The diagnosis: the CLI JSON contract (verdict, losses, evidence, remedies) plus the measurements behind it. */
export interface Diagnosis {
  verdict: Verdict;
  losses: { baseline: number; train: number; validation: number; test?: number };
  evidence: Evidence[];
  remedies: string[];
  path: TreeNode[];
  task: Dataset['task'];
  model: string;
  lossName: string;
  /** What the losses are measured in. */
  units: string;
  budget: Budget;
  thresholds: Thresholds;
  rows: { train: number; validation: number; test?: number };
  measurements: Measurements;
  hessian?: HessianReport;
  seconds: number;
}

/** Optimizers whose usual default rate (0.001) is too slow for a diagnosis budget. */
const ADAPTIVE = new Set<OptimizerName>(['adam', 'adamw', 'lamb']);

const usage = (message: string, flag: string) => new InputError('E_USAGE', message, { flag });

/**
 * Runs the lecture's decision tree on a dataset and the user's training settings.
 * @example
 * const d = await diagnose({ train, test, model: 'mlp:64x64:relu', budget: 'quick' });
 * console.log(d.verdict, d.remedies[0]);
 */
export async function diagnose(options: DiagnoseOptions): Promise<Diagnosis> {
  const started = performance.now();
  const events = options.events ?? silentChannel;
  const budget = options.budget ?? 'standard';
  const plan = budgets[budget];
  if (plan === undefined) throw usage(`unknown budget "${String(budget)}"; use quick, standard or thorough`, '--budget');
  const t: Thresholds = { ...defaultThresholds, ...options.thresholds };
  const seed = options.seed ?? 0;
  const spec = options.model ?? 'mlp:32x32:relu';
  const optimizer: OptimizerName = options.optimizer ?? 'adam';
  const learningRate = options.learningRate ?? (ADAPTIVE.has(optimizer) ? 0.01 : undefined);
  const batchSize = options.batchSize ?? 32;
  const task = options.train.task;
  if (options.test !== undefined) checkSameSchema(options.train, options.test);

  // Validation split from training data; preprocessing fit on the training part only.
  const split = holdout(options.train, { validation: options.validationFraction ?? 0.2, seed, stratify: task === 'classification' });
  const scaler = fitStandardizer(split.train, { targets: true, scope: options.train.featureShape.length > 1 ? 'global' : 'feature' });
  const train = scaler.transform(split.train);
  const validation = scaler.transform(split.validation);
  const test = options.test === undefined ? undefined : scaler.transform(options.test);
  const baseline = fitBaseline(train);
  const epochs = epochsFor(plan, train.n, batchSize, options.epochs);
  const lossName = task === 'regression' ? 'mse' : 'cross-entropy';

  const makeModel = (s: string): Model => createModel(s, { inputShape: train.featureShape, outputs: train.outputs, task });
  const userModel = makeModel(spec);
  const loss = lossForTask(task, userModel);
  const planned = comparisonPlan(spec, optimizer, learningRate, plan.relatives);
  let done = 0;
  const total = 1 + planned.length;
  const progress = (label: string) => events.emit({ type: 'progress', task: 'diagnose', done: done++, total, message: label });

  const trainRun = async (
    label: string,
    role: RunRole,
    model: Model,
    settings: { optimizer: OptimizerName; learningRate?: number; earlyStopping?: boolean; l2?: number; data?: Dataset },
  ): Promise<{ run: RunSummary; theta: Float32Array }> => {
    events.emit({ type: 'stage', name: label, state: 'start', message: `${model.spec}, ${settings.optimizer}` });
    const data = settings.data ?? train;
    const result = await fit({
      model,
      train: data,
      validation,
      loss,
      optimizer: settings.optimizer,
      ...(settings.learningRate !== undefined ? { learningRate: settings.learningRate } : {}),
      epochs,
      batchSize,
      seed,
      events,
      ...(settings.earlyStopping ? { earlyStopping: { patience: Math.max(3, Math.round(epochs / 10)), restoreBestWeights: true } } : {}),
      ...(settings.l2 !== undefined ? { regularizer: (theta: import('@tensorflow/tfjs-core').Tensor1D) => l2Penalty(theta, settings.l2!) } : {}),
    });
    const diverged = result.stopReason === 'diverged';
    const onTrain = diverged ? { loss: Number.NaN } : evaluate(model, result.theta, data, loss);
    const onValidation = diverged ? { loss: Number.NaN } : evaluate(model, result.theta, validation, loss);
    const onTest = test === undefined || diverged ? undefined : evaluate(model, result.theta, test, loss);
    const last = result.history[result.history.length - 1];
    const run: RunSummary = {
      label,
      role,
      spec: model.spec,
      optimizer: settings.optimizer,
      learningRate: last?.learningRate ?? settings.learningRate ?? Number.NaN,
      parameters: model.parameterCount,
      train: onTrain.loss,
      validation: onValidation.loss,
      ...(onTest ? { test: onTest.loss } : {}),
      ...(onTrain.accuracy !== undefined ? { trainAccuracy: onTrain.accuracy } : {}),
      ...(onValidation.accuracy !== undefined ? { validationAccuracy: onValidation.accuracy } : {}),
      ...(onTest?.accuracy !== undefined ? { testAccuracy: onTest.accuracy } : {}),
      diverged,
      epochs: result.history.length,
      ...(last ? { gradientNorm: last.gradientNorm } : {}),
      history: result.history.map((h) => ({
        epoch: h.epoch,
        trainLoss: h.trainLoss,
        ...(h.validationLoss !== undefined ? { validationLoss: h.validationLoss } : {}),
      })),
    };
    events.emit({ type: 'stage', name: label, state: 'end' });
    return { run, theta: result.theta };
  };

  progress('your model');
  const user = await trainRun('your model', 'user', userModel, { optimizer, ...(learningRate !== undefined ? { learningRate } : {}) });
  const others: RunSummary[] = [];
  for (const p of planned) {
    progress(p.label);
    others.push((await trainRun(p.label, p.role, p.spec === spec ? userModel : makeModel(p.spec), p)).run);
  }

  const measurements: Measurements = {
    task,
    lossName,
    baseline: { train: baseline.loss(train), validation: baseline.loss(validation), ...(test ? { test: baseline.loss(test) } : {}) },
    user: user.run,
    others,
  };
  let hessian: HessianReport | undefined;

  const first = decide(measurements, t);
  if (first.path[0] === 'training-loss-large') {
    events.emit({ type: 'stage', name: 'critical point', state: 'start', message: `Hessian of ${userModel.parameterCount} parameters` });
    const sample = sampleRows(train, plan.curvatureRows, seed);
    const flow = gradientFlow(userModel, userModel.init(seed), sample, loss);
    if (flow) measurements.gradientFlow = flow;
    if (!user.run.diverged) {
      const { summary, report } = criticalCheck(userModel, user.theta, sample, loss, { fullLimit: plan.fullHessianLimit, seed });
      measurements.critical = summary;
      hessian = report;
    }
    events.emit({ type: 'stage', name: 'critical point', state: 'end' });
  } else {
    const u = user.run;
    const validationLarge = gapIsLarge(u.validation, u.train, measurements.baseline.validation, t);
    const testLarge = u.test !== undefined && gapIsLarge(u.test, u.train, measurements.baseline.test ?? 1, t);
    if (validationLarge || testLarge) {
      measurements.learningCurve = await learningCurve(train, plan.learningCurve, seed, async (data) => {
        const r = await trainRun(`learning curve (${data.n} rows)`, 'user', userModel, { optimizer, ...(learningRate !== undefined ? { learningRate } : {}), data });
        return r.run;
      });
      if (test !== undefined && testLarge) {
        events.emit({ type: 'stage', name: 'train-test shift', state: 'start' });
        // Wide inputs (images): the per-feature Wasserstein permutation test costs features × rows × permutations.
        const wide = train.features.length / train.n > 64;
        const report = shiftReport(sampleRows(train, 500, seed), sampleRows(test, 500, seed + 1), {
          alpha: t.shiftAlpha,
          seed,
          ...(wide ? { tests: ['ks', 'mmd', 'domain-classifier'] as const } : {}),
        });
        measurements.shift = {
          shifted: report.shifted,
          alpha: report.alpha,
          tests: report.tests.map((r) => ({ test: r.test, statistic: r.statistic, ...(r.pValue !== undefined ? { pValue: r.pValue } : {}), shifted: r.shifted })),
          drivers: report.drivers,
        };
      }
      const remedies = [
        { label: 'early stopping', role: 'early-stopping' as const, earlyStopping: true },
        { label: 'L2 weight decay 1e-3', role: 'regularized' as const, l2: 1e-3 },
      ];
      for (const r of remedies) {
        others.push((await trainRun(r.label, r.role, userModel, { optimizer, ...(learningRate !== undefined ? { learningRate } : {}), ...r })).run);
      }
    }
  }

  const decision = decide(measurements, t);
  const evidence = [...decision.evidence];
  for (const analysis of options.analyses ?? []) {
    const context: AnalysisContext = { rng: createRng(seed).fork(analysis.title), events, train, validation, test, measurements, verdict: decision.verdict };
    if (analysis.applies && !analysis.applies(context)) continue;
    evidence.push(await analysis.run(context));
  }
  events.emit({ type: 'progress', task: 'diagnose', done: total, total, message: decision.verdict });
  return {
    verdict: decision.verdict,
    losses: { baseline: measurements.baseline.train, train: user.run.train, validation: user.run.validation, ...(user.run.test !== undefined ? { test: user.run.test } : {}) },
    evidence,
    remedies: remediesFor(decision.verdict, measurements),
    path: decision.path,
    task,
    model: spec,
    lossName,
    units:
      task === 'regression'
        ? 'mean squared error on targets standardized with the training part\'s mean and std (the mean predictor scores about 1)'
        : 'mean cross-entropy in nats (the class-frequency predictor scores the baseline)',
    budget,
    thresholds: t,
    rows: { train: train.n, validation: validation.n, ...(test ? { test: test.n } : {}) },
    measurements,
    ...(hessian ? { hessian } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}

/** One comparison run the diagnosis will train. */
export interface PlannedRun {
  label: string;
  role: RunRole;
  spec: string;
  optimizer: OptimizerName;
  learningRate?: number;
}

/**
 * The comparison runs for a model: its relatives (shallowest first, then wider, deeper, …,
 * as many as the budget allows) and the same model with another optimizer.
 * @example
 * comparisonPlan('linear', 'sgd', 0.01, 2); // mlp:32:relu (flexible), mlp:128:relu, adam run
 */
export function comparisonPlan(spec: string, optimizer: OptimizerName, learningRate: number | undefined, count: number): PlannedRun[] {
  const r = relatives(spec);
  const isLinear = r.shallower.length === 0 && r.deeper[0]?.startsWith('mlp:') === true && r.narrower.length === 0;
  const nonLinearShallower = r.shallower.filter((s) => s !== 'linear');
  const candidates: { spec: string; role: RunRole; label: string }[] = [];
  const add = (s: string | undefined, role: RunRole, label: string) => {
    if (s !== undefined && s !== spec && !candidates.some((c) => c.spec === s)) candidates.push({ spec: s, role, label: `${label} ${s}` });
  };
  if (isLinear) {
    add(r.deeper[0], 'flexible', 'flexible');
    add(r.wider[1], 'flexible', 'flexible');
    add(r.deeper[1], 'flexible', 'flexible');
  } else {
    add(nonLinearShallower[nonLinearShallower.length - 1], 'shallower', 'shallower');
    add(r.wider[0], 'wider', 'wider');
    add(r.deeper[0], 'deeper', 'deeper');
    add(nonLinearShallower[0], 'shallower', 'shallower');
    add(r.wider[1], 'wider', 'wider');
  }
  const runs: PlannedRun[] = candidates.slice(0, count).map((c) => ({
    ...c,
    optimizer,
    ...(learningRate !== undefined ? { learningRate } : {}),
  }));
  const alternative: PlannedRun =
    optimizer === 'adam'
      ? { spec, role: 'optimizer', label: 'momentum SGD', optimizer: 'momentum', learningRate: 0.05 }
      : { spec, role: 'optimizer', label: 'Adam (lr 0.003)', optimizer: 'adam', learningRate: 0.003 };
  return [...runs, alternative];
}

async function learningCurve(
  train: Dataset,
  fractions: readonly number[],
  seed: number,
  run: (data: Dataset) => Promise<RunSummary>,
): Promise<LearningCurvePoint[]> {
  const order = createRng(seed).fork('learning-curve').permutation(train.n);
  const points: LearningCurvePoint[] = [];
  for (const f of fractions) {
    const size = Math.max(8, Math.round(f * train.n));
    if (size > train.n) continue;
    const r = await run(f >= 1 ? train : subset(train, order.slice(0, size).sort((a, b) => a - b)));
    points.push({ size, train: r.train, validation: r.validation, ...(r.test !== undefined ? { test: r.test } : {}) });
  }
  return points;
}

function checkSameSchema(train: Dataset, test: Dataset): void {
  const a = train.featureShape.join('x');
  const b = test.featureShape.join('x');
  if (a !== b) throw new InputError('E_SCHEMA', `test data have feature shape ${b}, training data ${a}`, { file: test.name });
  if (train.task !== test.task || train.outputs !== test.outputs) {
    throw new InputError('E_SCHEMA', `test data have ${test.outputs} ${test.task} outputs, training data ${train.outputs} ${train.task} outputs`, { file: test.name });
  }
}
