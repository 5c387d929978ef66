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
  type LossFunction,
  type Model,
} from '@losslens/core';
import { fitStandardizer, holdout, subset } from '@losslens/data';
import { lossForTask, relatives, resolveModel } from '@losslens/models';
import { evaluate, fitMany, type FitResult, type FitTask, type Metrics, type OptimizerName } from '@losslens/optim';
import { shiftReport } from '@losslens/validate';
import { fitBaseline } from './baseline.js';
import { budgets, epochsFor, type Budget } from './budget.js';
import { criticalCheck, gradientFlow, sampleRows } from './curvature.js';
import type { Measurements, RunRole, RunSummary, Verdict } from './measurements.js';
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
  /** Model spec (DESIGN.md grammar) or a tfjs-layers model.json path (its architecture, fresh weights). Default `mlp:32x32:relu`. */
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
  /**
   * Worker threads for the training runs; default one per core, or 1 (this thread) when a run
   * is small (under 5·10⁶ parameter-updates), where starting workers would cost more than it saves.
   */
  workers?: number;
  /** Folder a model.json path resolves against (default: the process's). */
  cwd?: string;
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

/** Below this many parameter-updates per run (updates × parameters), runs train in this thread. */
const SMALL_WORK = 5e6;

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

  const resolve = async (s: string): Promise<Model> =>
    (await resolveModel(s, { inputShape: train.featureShape, outputs: train.outputs, task, ...(options.cwd ? { cwd: options.cwd } : {}) })).model;
  const userModel = await resolve(spec);
  const loss = lossForTask(task, userModel);
  const planned = comparisonPlan(spec, optimizer, learningRate, plan.relatives);
  // Worker threads cost a second or two to start; small runs train faster in this thread.
  const updatesPerRun = epochs * (batchSize === 'full' ? 1 : Math.ceil(train.n / batchSize));
  const workers = options.workers ?? (updatesPerRun * userModel.parameterCount < SMALL_WORK ? 1 : undefined);
  const models = new Map<string, Model>([[spec, userModel]]);

  /** Trains runs side by side (one per core) and summarizes each. */
  const trainRuns = async (runs: readonly RunRequest[]): Promise<{ run: RunSummary; theta: Float32Array }[]> => {
    events.emit({ type: 'stage', name: 'training', state: 'start', message: runs.map((r) => r.label).join(', ') });
    const tasks: FitTask[] = runs.map((r) => ({
      model: r.spec,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      train: r.data ?? train,
      validation,
      optimizer: r.optimizer,
      ...(r.learningRate !== undefined ? { learningRate: r.learningRate } : {}),
      epochs,
      batchSize,
      seed,
      ...(r.earlyStopping ? { earlyStopping: { patience: Math.max(3, Math.round(epochs / 10)), restoreBestWeights: true } } : {}),
      ...(r.l2 !== undefined ? { l2: r.l2 } : {}),
    }));
    const results = await fitMany(tasks, { ...(workers !== undefined ? { workers } : {}), events, progressTask: 'training runs' });
    const out: { run: RunSummary; theta: Float32Array }[] = [];
    for (const [i, r] of runs.entries()) {
      let model = models.get(r.spec);
      if (model === undefined) models.set(r.spec, (model = await resolve(r.spec)));
      out.push({ run: summarize(r, model, results[i]!, test, loss), theta: results[i]!.theta });
    }
    events.emit({ type: 'stage', name: 'training', state: 'end' });
    return out;
  };

  const userSettings = { optimizer, ...(learningRate !== undefined ? { learningRate } : {}) };
  const [user, ...compared] = await trainRuns([{ label: 'your model', role: 'user', spec, ...userSettings }, ...planned]);
  if (user === undefined) throw new Error('no result for your model');
  const others: RunSummary[] = compared.map((c) => c.run);

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
      // The learning curve's smaller training sets and the cheap remedies train side by side.
      const subsets = learningCurveSubsets(train, plan.learningCurve, seed);
      const requests: RunRequest[] = [
        ...subsets.map((data) => ({ label: `learning curve (${data.n} rows)`, role: 'user' as const, spec, ...userSettings, data })),
        { label: 'early stopping', role: 'early-stopping', spec, ...userSettings, earlyStopping: true },
        { label: 'L2 weight decay 1e-3', role: 'regularized', spec, ...userSettings, l2: 1e-3 },
      ];
      const trained = await trainRuns(requests);
      const curveRuns = [...trained.slice(0, subsets.length).map((r) => r.run), user.run];
      measurements.learningCurve = curveRuns.map((r, i) => ({
        size: subsets[i]?.n ?? train.n,
        train: r.train,
        validation: r.validation,
        ...(r.test !== undefined ? { test: r.test } : {}),
      }));
      others.push(...trained.slice(subsets.length).map((r) => r.run));
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
    }
  }

  const decision = decide(measurements, t);
  const evidence = [...decision.evidence];
  for (const analysis of options.analyses ?? []) {
    const context: AnalysisContext = { rng: createRng(seed).fork(analysis.title), events, train, validation, test, measurements, verdict: decision.verdict };
    if (analysis.applies && !analysis.applies(context)) continue;
    evidence.push(await analysis.run(context));
  }
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

/** Nested training subsets for the learning curve's fractions below 1 (the full set is your run). */
function learningCurveSubsets(train: Dataset, fractions: readonly number[], seed: number): Dataset[] {
  const order = createRng(seed).fork('learning-curve').permutation(train.n);
  return fractions
    .filter((f) => f < 1)
    .map((f) => Math.max(8, Math.round(f * train.n)))
    .filter((size) => size < train.n)
    .map((size) => subset(train, order.slice(0, size).sort((a, b) => a - b)));
}

/** A run the diagnosis asks for: the model, the optimizer, and what differs from your settings. */
interface RunRequest {
  label: string;
  role: RunRole;
  spec: string;
  optimizer: OptimizerName;
  learningRate?: number;
  earlyStopping?: boolean;
  l2?: number;
  /** Training rows other than the full training part (learning curve). */
  data?: Dataset;
}

/** One run's summary: losses at the returned θ (train/validation from fit, test evaluated here). */
function summarize(request: RunRequest, model: Model, result: FitResult, test: Dataset | undefined, loss: LossFunction): RunSummary {
  const diverged = result.stopReason === 'diverged';
  const nan = { loss: Number.NaN } as Metrics;
  const onTrain = diverged || result.final === undefined ? nan : result.final.train;
  const onValidation = diverged || result.final?.validation === undefined ? nan : result.final.validation;
  const onTest = test === undefined || diverged ? undefined : evaluate(model, result.theta, test, loss);
  const last = result.history[result.history.length - 1];
  return {
    label: request.label,
    role: request.role,
    spec: request.spec,
    optimizer: request.optimizer,
    learningRate: last?.learningRate ?? request.learningRate ?? Number.NaN,
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
}

function checkSameSchema(train: Dataset, test: Dataset): void {
  const a = train.featureShape.join('x');
  const b = test.featureShape.join('x');
  if (a !== b) throw new InputError('E_SCHEMA', `test data have feature shape ${b}, training data ${a}`, { file: test.name });
  if (train.task !== test.task || train.outputs !== test.outputs) {
    throw new InputError('E_SCHEMA', `test data have ${test.outputs} ${test.task} outputs, training data ${train.outputs} ${train.task} outputs`, { file: test.name });
  }
}
