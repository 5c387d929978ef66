/**
 * The typed values that flow between packages and that plugins contribute. Each package
 * refines these; a third-party plugin implements them to add its own dataset, model,
 * optimizer, schedule, splitter, augmentation, analysis or backend.
 */
import type { Tensor, Tensor1D, Scalar } from '@tensorflow/tfjs-core';
import type { Rng } from './rng.js';
import type { EventChannel } from './events.js';

/** What a dataset predicts. */
export type Task = 'regression' | 'classification';

/**
 * A dataset held as plain typed arrays (cheap to split, send to workers, and free of tensor leaks).
 * Features are row-major, `n × prod(featureShape)`. Targets: for regression `n × outputs`
 * values; for classification one class index per row (0..outputs-1).
 */
export interface Dataset {
  readonly name: string;
  readonly task: Task;
  readonly n: number;
  /** Shape of one sample, e.g. `[4]` for a 4-column table or `[28, 28, 1]` for MNIST. */
  readonly featureShape: readonly number[];
  readonly features: Float32Array;
  readonly targets: Float32Array;
  /** Regression: number of target columns. Classification: number of classes. */
  readonly outputs: number;
  readonly featureNames: readonly string[];
  readonly targetName: string;
  readonly classNames?: readonly string[];
  /** Where the rows came from: a file path, `builtin:iris`, `synthetic:two-moons(seed=1)`. */
  readonly origin: string;
}

/** Options every dataset factory accepts. */
export interface DatasetOptions {
  seed?: number;
  [option: string]: unknown;
}

/** Makes a dataset, e.g. the built-in `data/iris` or a plugin's `mine/sensors`. */
export type DatasetFactory = (options?: DatasetOptions) => Dataset | Promise<Dataset>;

/** A batch of tensors: `x` is `[b, ...featureShape]`; `y` is `[b, outputs]` (one-hot for classification). */
export interface Batch {
  x: Tensor;
  y: Tensor;
}

/** Transforms a training batch (never validation/test data). Must keep labels aligned with inputs. */
export type Augmentation = (batch: Batch, rng: Rng) => Batch;
export type AugmentationFactory = (config?: Record<string, unknown>) => Augmentation;

/** One named block of the flat parameter vector θ. */
export interface ParameterBlock {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
}

/** Options for a forward pass. */
export interface ApplyOptions {
  /** Training mode: dropout active, batch-norm uses batch statistics. Default false. */
  training?: boolean;
  /** Seed for dropout masks in training mode. */
  seed?: number;
}

/**
 * A model as a pure function of one flat parameter vector θ, so the loss can be
 * differentiated twice with respect to θ.
 */
export interface Model {
  readonly spec: string;
  readonly inputShape: readonly number[];
  readonly outputs: number;
  readonly layout: readonly ParameterBlock[];
  readonly parameterCount: number;
  /** Fresh initial parameters for a seed. */
  init(seed: number): Float32Array;
  /** Forward pass: `x` is `[b, ...inputShape]`, the result `[b, outputs]`. */
  apply(theta: Tensor1D, x: Tensor, options?: ApplyOptions): Tensor;
}

/** Options a model factory receives. */
export interface ModelOptions {
  inputShape: readonly number[];
  outputs: number;
  [option: string]: unknown;
}
/** Builds a model; `options.spec` holds the whole spec the user typed (e.g. `mine/cnn:32`) and `options.args` what follows the first `:`. */
export type ModelFactory = (options: ModelOptions) => Model;

/** A loss: mean over the batch, a scalar. `target` is `[b, outputs]` (one-hot for classification). */
export type LossFunction = (prediction: Tensor, target: Tensor) => Scalar;

/** A stateful optimizer for one run over θ (it owns its moment tensors until `dispose`). */
export interface Optimizer {
  readonly name: string;
  /** Returns the new θ; the caller disposes the old one. */
  step(theta: Tensor1D, gradient: Tensor1D, learningRate: number): Tensor1D;
  dispose(): void;
}
export type OptimizerFactory = (config?: Record<string, unknown>) => Optimizer;

/** Learning rate at a step: `schedule({ step, epoch, baseRate })`. */
export type Schedule = (at: { step: number; epoch: number; baseRate: number }) => number;
export type ScheduleFactory = (config?: Record<string, unknown>) => Schedule;

/** One train/validation split, as row indices. */
export interface Fold {
  train: number[];
  validation: number[];
}

/** Splits `n` rows into folds; `labels` for stratified splitters, `groups` for grouped ones. */
export interface Splitter {
  readonly name: string;
  split(n: number, options?: { labels?: ArrayLike<number>; groups?: ArrayLike<number | string> }): Fold[];
}
export type SplitterFactory = (config?: Record<string, unknown>) => Splitter;

/** A measurement with its finding, as it appears in a report (`evidence[]` in the CLI JSON). */
export interface Evidence {
  check: string;
  finding: string;
  values: Record<string, unknown>;
}

/** What an analysis gets to work with. Packages that run analyses pass richer contexts. */
export interface AnalysisContext {
  rng: Rng;
  events: EventChannel;
  [key: string]: unknown;
}

/**
 * What an analysis returns when it measures more than one finding: the evidence it reports
 * and the measurement it adds (stored under its `provides` keys by the runner).
 */
export interface AnalysisOutcome {
  evidence?: Evidence[];
  /** For a runner such as the diagnosis: values keyed by the names in `provides`. */
  measurement?: Record<string, unknown>;
}

/**
 * A check the diagnosis runs and reports: a built-in step of the lecture's tree (the baseline,
 * the comparison runs, the Hessian at the trained point, the shift tests) or a plugin's own
 * sanity test. A runner orders analyses by what they need and provide.
 */
export interface Analysis<C extends AnalysisContext = AnalysisContext, R extends Evidence | AnalysisOutcome = Evidence | AnalysisOutcome> {
  readonly title: string;
  /** Measurement names that must exist before it runs, e.g. `['user']` (default: none). */
  readonly needs?: readonly string[];
  /** Measurement names its outcome fills, e.g. `['critical']` (default: none). */
  readonly provides?: readonly string[];
  /** Whether it applies to this context (default: always). */
  applies?(context: C): boolean;
  run(context: C): R | Promise<R>;
}

/** A tfjs backend a plugin can make available. */
export interface BackendProvider {
  readonly name: string;
  readonly environments: readonly ('node' | 'browser')[];
  /** Higher wins when no backend is asked for by name. */
  readonly priority: number;
  /** Registers the backend with tfjs; throws a LosslensError(E_BACKEND_UNAVAILABLE) when it cannot. */
  load(): Promise<void>;
}
