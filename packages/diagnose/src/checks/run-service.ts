/**
 * Trains the runs the checks ask for. Requests made in the same tick (by checks running side by
 * side) go to one `fitMany` call, so they share the worker pool.
 */
import { InputError, type Dataset, type EventChannel, type Lens, type LossFunction, type Model } from '@losslens/core';
import { isModelPath, modelFromSpec, resolveModel } from '@losslens/models';
import { evaluate, fitMany, type Executor, type FitResult, type FitTask, type Metrics, type OptimizerName } from '@losslens/optim';
import type { RunRole, RunSummary } from '../measurements.js';
import type { DiagnosisSettings } from './context.js';
import { DiagnosisStopped, runKey, type RunStore } from './run-store.js';

/** A run the diagnosis asks for: the model, the optimizer, and what differs from your settings. */
export interface RunRequest {
  label: string;
  role: RunRole;
  spec: string;
  /** A model object to train instead of building `spec` (your own model). */
  model?: Model;
  optimizer: OptimizerName | (string & {});
  learningRate?: number;
  earlyStopping?: boolean;
  l2?: number;
  /** Epochs other than your settings' (the longer run). */
  epochs?: number;
  /** Seed other than your settings' (repeats on other seeds). */
  seed?: number;
  /** Training rows other than the full training part (learning curve). */
  data?: Dataset;
}

/** A trained run: its summary and the θ it ended at. */
export interface TrainedRun {
  run: RunSummary;
  theta: Float32Array;
}

/** What the service needs to train and summarize runs. */
export interface RunServiceOptions {
  lens: Lens;
  settings: DiagnosisSettings;
  train: Dataset;
  validation: Dataset;
  test?: Dataset;
  loss: LossFunction;
  workers?: number;
  /** Where the runs train instead (optim's `Executor`: worker pool, queue, …). */
  executor?: Executor;
  events: EventChannel;
  cwd?: string;
  /** Finished runs: looked up before training, filled after (resume an interrupted diagnosis). */
  store?: RunStore;
  /** Aborted: no new batch of runs starts; the service throws {@link DiagnosisStopped}. */
  signal?: AbortSignal;
}

/**
 * A `trainRuns(requests)` that batches the requests of one tick into one `fitMany` call.
 * @example
 * const trainRuns = createRunService({ lens, settings, train, validation, loss, events });
 * const [run] = await trainRuns([{ label: 'your model', role: 'user', spec, optimizer: 'adam' }]);
 */
export function createRunService(options: RunServiceOptions): (requests: readonly RunRequest[]) => Promise<TrainedRun[]> {
  const { lens, settings, train, validation, test, loss, events } = options;
  const models = new Map<string, Model>();
  const modelFor = async (spec: string): Promise<Model> => {
    let model = models.get(spec);
    if (model === undefined) {
      const shape = { inputShape: train.featureShape, outputs: train.outputs, task: train.task, models: lens.models };
      model = isModelPath(spec) ? (await resolveModel(spec, { ...shape, ...(options.cwd ? { cwd: options.cwd } : {}) })).model : modelFromSpec(spec, shape);
      models.set(spec, model);
    }
    return model;
  };
  const done = new Set<string>();
  let queue: { requests: readonly RunRequest[]; resolve: (runs: TrainedRun[]) => void; reject: (error: unknown) => void }[] = [];

  const flush = async () => {
    const batch = queue;
    queue = [];
    const requests = batch.flatMap((b) => b.requests);
    try {
      if (options.signal?.aborted) throw new DiagnosisStopped(done.size);
      const tasks = requests.map((r) => taskFor(r, settings, train, validation, options.cwd));
      // Keys (a fingerprint of each run's rows) only when there is a store to look them up in.
      const keys = options.store === undefined ? [] : tasks.map((task, i) => runKey({ label: requests[i]!.label, role: requests[i]!.role, ...task }, requests[i]!.data ?? train));
      const stored = keys.length === 0 ? requests.map(() => undefined) : keys.map((key) => options.store!.get(key));
      const todo = requests.flatMap((_r, i) => (stored[i] === undefined ? [i] : []));
      for (const [i, key] of keys.entries()) if (stored[i] !== undefined) done.add(key);
      const trained = [...stored];
      if (todo.length > 0) {
        events.emit({ type: 'stage', name: 'training', state: 'start', message: todo.map((i) => requests[i]!.label).join(', ') });
        const results = await fitMany(todo.map((i) => tasks[i]!), { ...(options.workers !== undefined ? { workers: options.workers } : {}), ...(options.executor ? { executor: options.executor } : {}), events, progressTask: 'training runs', lens });
        for (const [j, i] of todo.entries()) {
          const r = requests[i]!;
          const run: TrainedRun = { run: summarize(r, r.model ?? (await modelFor(r.spec)), results[j]!, test, loss), theta: results[j]!.theta };
          trained[i] = run;
          if (options.store !== undefined) {
            options.store.set(keys[i]!, run);
            done.add(keys[i]!);
          }
        }
        events.emit({ type: 'stage', name: 'training', state: 'end' });
      }
      let offset = 0;
      for (const b of batch) {
        b.resolve(trained.slice(offset, offset + b.requests.length) as TrainedRun[]);
        offset += b.requests.length;
      }
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  };

  return (requests) =>
    new Promise<TrainedRun[]>((resolve, reject) => {
      if (requests.length === 0) return resolve([]);
      if (queue.length === 0) setTimeout(() => void flush(), 0);
      queue.push({ requests, resolve, reject });
    });
}

/** A request as a plain-data fit task with the user's settings. */
function taskFor(r: RunRequest, s: DiagnosisSettings, train: Dataset, validation: Dataset, cwd: string | undefined): FitTask {
  return {
    model: r.model ?? r.spec,
    ...(cwd ? { cwd } : {}),
    train: r.data ?? train,
    validation,
    optimizer: r.optimizer,
    ...(r.learningRate !== undefined ? { learningRate: r.learningRate } : {}),
    epochs: r.epochs ?? s.epochs,
    batchSize: s.batchSize,
    seed: r.seed ?? s.seed,
    ...(r.earlyStopping ? { earlyStopping: { patience: Math.max(3, Math.round(s.epochs / 10)), restoreBestWeights: true } } : {}),
    ...(r.l2 !== undefined ? { l2: r.l2 } : {}),
    ...(s.augment !== undefined ? { augment: s.augment } : {}),
  };
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
    ...lossFields(onTrain, onValidation, onTest),
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

/**
 * A run summary's loss and accuracy fields from metrics on the three parts.
 * @example
 * const fields = lossFields(onTrain, onValidation, onTest); // { train, validation, test?, trainAccuracy?, … }
 */
export function lossFields(onTrain: Metrics, onValidation: Metrics, onTest: Metrics | undefined) {
  return {
    train: onTrain.loss,
    validation: onValidation.loss,
    ...(onTest ? { test: onTest.loss } : {}),
    ...(onTrain.accuracy !== undefined ? { trainAccuracy: onTrain.accuracy } : {}),
    ...(onValidation.accuracy !== undefined ? { validationAccuracy: onValidation.accuracy } : {}),
    ...(onTest?.accuracy !== undefined ? { testAccuracy: onTest.accuracy } : {}),
  };
}

/** Throws when test data do not have the training data's schema. */
export function checkSameSchema(train: Dataset, test: Dataset): void {
  const a = train.featureShape.join('x');
  const b = test.featureShape.join('x');
  if (a !== b) throw new InputError('E_SCHEMA', `test data have feature shape ${b}, training data ${a}`, { file: test.name });
  if (train.task !== test.task || train.outputs !== test.outputs) {
    throw new InputError('E_SCHEMA', `test data have ${test.outputs} ${test.task} outputs, training data ${train.outputs} ${train.task} outputs`, { file: test.name });
  }
}
