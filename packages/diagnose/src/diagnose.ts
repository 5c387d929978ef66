/**
 * The product's main job: given data and the user's model and training settings, run the checks
 * the lecture's tree needs (registered analyses: baseline, comparison runs, gradient flow, the
 * critical point, learning curve, remedy runs, shift tests, and any plugin's), then return the
 * verdict with its evidence and remedies. Every run is fresh (new weights) and seeded.
 */
import {
  InputError,
  createLens,
  silentChannel,
  type Analysis,
  type Dataset,
  type EventChannel,
  type Evidence,
  type Lens,
  type Model,
} from '@losslens/core';
import { data, fitStandardizer, holdout } from '@losslens/data';
import { assertCompatible, equivalentSpec, isModelPath, lossForTask, models, modelFromSpec, resolveModel } from '@losslens/models';
import { optim, type AugmentationSpec, type Executor, type OptimizerName } from '@losslens/optim';
import { critical, type HessianReport } from '@losslens/critical';
import type { HealthSignals } from '@losslens/health';
import { validate } from '@losslens/validate';
import { budgets, runSize, type Budget } from './budget.js';
import { sampleRows } from './curvature.js';
import { checkSameSchema, createRunService } from './checks/run-service.js';
import type { DiagnosisStopped, RunStore } from './checks/run-store.js';
import { runChecks, treeMeasurements, type NamedCheck } from './checks/run-checks.js';
import { AFTER_COMPARISONS, type DiagnosisContext } from './checks/context.js';
import type { Measurements, Verdict } from './measurements.js';
import { diagnosePlugin, builtinCheckKeys } from './plugin.js';
import { remediesFor } from './remedies.js';
import { seedAgreement, type SeedAgreement } from './seeds.js';
import { defaultThresholds, type Thresholds } from './thresholds.js';
import { defaultLearningRate } from './learning-rate.js';
import { decide, type TreeNode } from './tree.js';

/** What to diagnose and how the user trains. */
export interface DiagnoseOptions {
  /** Training data; the validation split is taken from it. */
  train: Dataset;
  /** Test data, never used for any choice; enables the mismatch branch. */
  test?: Dataset;
  /**
   * Model spec (DESIGN.md grammar, or a plugin's prefix such as `mine/cnn:32`), a tfjs-layers
   * model.json path (its architecture, fresh weights), or a model object such as
   * `(await fromLayersModel(myTfModel)).model` (its architecture, fresh weights; a chain of dense
   * layers also gets relatives). Default `mlp:32x32:relu`.
   */
  model?: string | Model;
  /** Default `adam`; with a lens, any registered optimizer. */
  optimizer?: OptimizerName | (string & {});
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
  /**
   * Seeds for the decisive comparisons (your run, its relatives, the other optimizer): each is
   * trained on `seed`, `seed + 1`, …; the tree decides on the means with their standard errors,
   * and the diagnosis says how often the verdict held on each seed alone. Default 1 for `quick`,
   * 3 for `standard` and `thorough` (1 when one run of yours exceeds 2·10⁷ parameter-updates).
   */
  seeds?: number;
  /** Share of the training rows held out for validation. Default 0.2. */
  validationFraction?: number;
  thresholds?: Partial<Thresholds>;
  /** An augmentation for every run's training batches, by registry name (e.g. `data/horizontal-flip`). */
  augment?: AugmentationSpec;
  /**
   * Where every name resolves (model prefix, optimizer, augmentation) and where the checks come
   * from: the lens's analyses, the built-in `diagnose/*` checks and every plugin's. Default: a
   * lens of the built-in packages.
   */
  lens?: Lens;
  /** Extra checks beside the lens's (e.g. built in code), run and reported like a plugin's. */
  analyses?: readonly Analysis[];
  /**
   * Worker threads for the training runs; default one per core, or 1 (this thread) when a run
   * is small (under 5·10⁶ parameter-updates), where starting workers would cost more than it saves.
   */
  workers?: number;
  /** Where the training runs go instead (optim's `Executor`: worker pool, queue, …); same results. */
  executor?: Executor;
  /** Folder a model.json path resolves against (default: the process's). */
  cwd?: string;
  events?: EventChannel;
  /**
   * Stops the diagnosis before its next batch of training runs: it then throws
   * {@link DiagnosisStopped}, and every run that finished is in `runStore`.
   */
  signal?: AbortSignal;
  /**
   * Finished training runs by key: looked up before each run and filled after. Pass the store of
   * a stopped diagnosis to finish it without retraining; the result equals an uninterrupted one.
   */
  runStore?: RunStore;
}

/** The diagnosis: the CLI JSON contract (verdict, losses, evidence, remedies) plus the measurements behind it. */
export interface Diagnosis {
  verdict: Verdict;
  /** What failed, when the health detectors explain an optimization issue (see `Decision.detail`). */
  detail?: string;
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
  /** The per-epoch, per-layer signals of the recorded re-run (`diagnose/training-health`), for the report's plots. */
  healthSignals?: HealthSignals;
  /** Which checks ran and which did not apply, by registry key. */
  checks: { ran: string[]; skipped: string[] };
  /** Reasons to trust the verdict less, e.g. too few rows to decide. */
  warnings: string[];
  /** With `seeds` > 1: the verdict on each seed's comparison runs alone, and how often it held. */
  seeds?: SeedAgreement;
  seconds: number;
}

/**
 * Fewer training or validation rows than these leave the comparisons inside their noise: the
 * diagnosis still runs, and says so.
 */
export const FEW_ROWS = { train: 30, validation: 10 } as const;

/** Why a diagnosis on these splits deserves less trust. */
function rowWarnings(train: Dataset, validation: Dataset): string[] {
  const warnings: string[] = [];
  if (train.n < FEW_ROWS.train) warnings.push(`only ${train.n} training rows (fewer than ${FEW_ROWS.train}): the comparisons between runs are within their noise, so treat the verdict as a guess`);
  if (validation.n < FEW_ROWS.validation) warnings.push(`only ${validation.n} validation rows (fewer than ${FEW_ROWS.validation}): the validation loss and the gap it shows are unreliable`);
  return warnings;
}

/** Below this many parameter-updates per run (updates × parameters), runs train in this thread. */
const SMALL_WORK = 5e6;

/** Above this many parameter-updates per run, the budget's default seeds fall to 1 (`seeds` given wins). */
const HEAVY_RUN = 2e7;

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
  const lens = options.lens ?? (await builtinLens());
  const seed = options.seed ?? 0;
  if (options.seeds !== undefined && (!Number.isInteger(options.seeds) || options.seeds < 1)) {
    throw usage(`seeds must be a whole number ≥ 1, got ${String(options.seeds)}`, '--seeds');
  }
  const own = typeof options.model === 'object' ? options.model : undefined;
  const spec = own?.spec ?? (options.model as string | undefined) ?? 'mlp:32x32:relu';
  const optimizer = options.optimizer ?? 'adam';
  const learningRate = options.learningRate ?? defaultLearningRate(lens, optimizer);
  const batchSize = options.batchSize ?? 32;
  const task = options.train.task;
  if (options.test !== undefined) checkSameSchema(options.train, options.test);
  if (options.augment !== undefined) lens.augmentations.resolve(options.augment.name, '--augment');

  // Validation split from training data; preprocessing fit on the training part only.
  const split = holdout(options.train, { validation: options.validationFraction ?? 0.2, seed, stratify: task === 'classification' });
  const scaler = fitStandardizer(split.train, { targets: true });
  const train = scaler.transform(split.train);
  const validation = scaler.transform(split.validation);
  const test = options.test === undefined ? undefined : scaler.transform(options.test);
  // The budget caps updates per run for any data size: fewer epochs first, then a sample of rows.
  const size = runSize(plan, train.n, batchSize, options.epochs);
  const epochs = size.epochs;
  const runTrain = size.rows < train.n ? sampleRows(train, size.rows, seed) : train;
  if (runTrain !== train) events.emit({ type: 'note', level: 'info', message: `the ${budget} budget trains each run on ${runTrain.n} of ${train.n} training rows (${epochs} epochs, ${size.updates} updates)` });
  const lossName = task === 'regression' ? 'mse' : 'cross-entropy';

  const shape = { inputShape: train.featureShape, outputs: train.outputs, task, models: lens.models, flag: '--model' };
  if (own) assertCompatible(own, train);
  const userModel: Model = own ?? (isModelPath(spec)
    ? (await resolveModel(spec, { ...shape, ...(options.cwd ? { cwd: options.cwd } : {}) })).model
    : modelFromSpec(spec, shape));
  const loss = lossForTask(task, userModel);
  // Worker threads cost a second or two to start; small runs train faster in this thread.
  const updatesPerRun = size.updates;
  // The budget's seeds (1 quick, 3 otherwise), unless one run of yours is already heavy.
  const seeds = options.seeds ?? (budget === 'quick' || updatesPerRun * userModel.parameterCount > HEAVY_RUN ? 1 : 3);
  const workers = options.workers ?? (updatesPerRun * userModel.parameterCount < SMALL_WORK ? 1 : undefined);
  const relativesOf = own ? equivalentSpec(own) : spec;
  const settings = {
    spec,
    ...(own ? { own } : {}),
    ...(relativesOf !== undefined ? { relativesOf } : {}),
    optimizer,
    ...(learningRate !== undefined ? { learningRate } : {}),
    epochs,
    batchSize,
    seed,
    seeds,
    ...(options.augment !== undefined ? { augment: options.augment } : {}),
  };
  const context: DiagnosisContext = {
    rng: lens.rng,
    events,
    lens,
    settings,
    plan,
    thresholds: t,
    train,
    runTrain,
    validation,
    ...(test ? { test } : {}),
    model: userModel,
    loss,
    trainRuns: createRunService({ lens, settings, train: runTrain, validation, ...(test ? { test } : {}), loss, ...(workers !== undefined ? { workers } : {}), ...(options.executor ? { executor: options.executor } : {}), events, ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.runStore ? { store: options.runStore } : {}), ...(options.signal ? { signal: options.signal } : {}) }),
    measurements: {},
    ...(options.cwd ? { cwd: options.cwd } : {}),
  };

  const log = await runChecks(checksOf(lens, options.analyses ?? []), context, t);
  const measurements = treeMeasurements(context.measurements, task, lossName);
  if (measurements === undefined) throw new Error('the baseline and comparison checks did not run');
  const decision = decide(measurements, t);
  const agreement = seedAgreement(measurements, decision.verdict, t);
  const hessian = context.measurements['hessian'] as HessianReport | undefined;
  const healthSignals = context.measurements['healthSignals'] as HealthSignals | undefined;
  const user = measurements.user;
  return {
    verdict: decision.verdict,
    ...(decision.detail !== undefined ? { detail: decision.detail } : {}),
    losses: { baseline: measurements.baseline.train, train: user.train, validation: user.validation, ...(user.test !== undefined ? { test: user.test } : {}) },
    evidence: [...decision.evidence, ...(agreement ? [seedEvidence(agreement, decision.verdict)] : []), ...log.evidence.map((e) => e.evidence)],
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
    ...(healthSignals ? { healthSignals } : {}),
    checks: { ran: log.ran, skipped: log.skipped },
    warnings: rowWarnings(train, validation),
    ...(agreement ? { seeds: agreement } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}

/** The evidence that says how often the verdict held over the seeds. */
function seedEvidence(a: SeedAgreement, verdict: Verdict): Evidence {
  const others = a.seeds.map((s, k) => ({ seed: s, verdict: a.verdicts[k]! })).filter((s) => s.verdict !== verdict);
  return {
    check: 'seeds',
    finding: a.seedDependent
      ? `seed-dependent: decided on the means over seeds ${a.seeds.join(', ')}, the verdict ${verdict} held on ${a.held} of ${a.seeds.length} seeds (${others.map((s) => `seed ${s.seed}: ${s.verdict}`).join(', ')})`
      : `the verdict ${verdict} held on all ${a.seeds.length} seeds (${a.seeds.join(', ')})`,
    values: { seeds: a.seeds, verdicts: a.verdicts, held: a.held, of: a.seeds.length, seedDependent: a.seedDependent },
  };
}

/**
 * Packages whose analyses are for use on their own (`critical/hessian`, `validate/shift-tests`,
 * `health/*`): the diagnosis measures the same things with its own checks, at the points its
 * tree needs them (`diagnose/training-health` records a run and runs the health detectors).
 */
const STANDALONE = new Set(['@losslens/critical', '@losslens/validate', '@losslens/health']);


/**
 * The checks to run: the built-in `diagnose/*` checks in tree order, then every other analysis
 * in the lens and the extra ones. Analyses that declare no needs run once the comparison runs
 * exist, so they see the tree's preliminary decision (`context.decision`, `context.verdict`).
 */
function checksOf(lens: Lens, extra: readonly Analysis[]): NamedCheck[] {
  const builtin = builtinCheckKeys.filter((key) => lens.analyses.has(key));
  const others = lens.analyses.keys().filter((key) => !builtinCheckKeys.includes(key) && !STANDALONE.has(lens.analyses.owner(key) ?? ''));
  const plugin = (key: string, analysis: Analysis): NamedCheck => ({
    key,
    analysis: {
      ...analysis,
      title: analysis.title,
      needs: analysis.needs ?? AFTER_COMPARISONS,
      run: (c) => analysis.run({ ...c, verdict: (c as DiagnosisContext).decision?.verdict }),
      ...(analysis.applies ? { applies: (c: DiagnosisContext) => analysis.applies!({ ...c, verdict: c.decision?.verdict }) } : {}),
    } as Analysis<DiagnosisContext>,
  });
  return [
    ...builtin.map((key) => ({ key, analysis: lens.analyses.get(key) as unknown as Analysis<DiagnosisContext> })),
    ...others.map((key) => plugin(key, lens.analyses.get(key))),
    ...extra.map((analysis, i) => plugin(extraKey(analysis, i), analysis)),
  ];
}

const extraKey = (analysis: Analysis, i: number): string => `extra/${analysis.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || i}`;

let defaultLens: Promise<Lens> | undefined;

/** The built-in packages as a lens, for calls that give none (on the backend already active). */
async function builtinLens(): Promise<Lens> {
  defaultLens ??= (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    return createLens({ plugins: [data(), models(), optim(), critical(), validate(), diagnosePlugin()], backend: tf.getBackend() || undefined });
  })();
  return defaultLens;
}

