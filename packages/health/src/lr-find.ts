/**
 * The learning-rate range test (Smith 2017, as fastai's `lr_find`): train with a rate that
 * grows exponentially every update, smooth the loss, stop when it diverges, and suggest the
 * rate where the smoothed loss falls fastest.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, InputError, silentChannel, type Dataset, type EventChannel, type Lens, type LossFunction, type Model } from '@losslens/core';
import { batchIndices, toTensors } from '@losslens/data';
import { lossForTask, type LosslensModel } from '@losslens/models';
import { resolveOptimizer, type OptimizerName } from '@losslens/optim';

/** Options of {@link lrFind}. */
export interface LrFindOptions {
  model: Model;
  train: Dataset;
  /** Default: the task's loss. */
  loss?: LossFunction;
  /** Default `adam`; with `lens`, any registered optimizer (a plugin's too). */
  optimizer?: OptimizerName | (string & {});
  optimizerConfig?: Record<string, unknown>;
  /** Where the optimizer name resolves. Default: optim's built-ins. */
  lens?: Lens;
  /** First rate of the ramp. Default 1e-7. */
  minRate?: number;
  /** Last rate of the ramp. Default 10. */
  maxRate?: number;
  /** Updates of the ramp (the rate is multiplied by (max/min)^(1/(steps−1)) each). Default 100. */
  steps?: number;
  /** Rows per update, or `full`. Default 32. */
  batchSize?: number | 'full';
  /** Weight of the past in the bias-corrected exponential moving average of the loss. Default 0.98 (fastai). */
  smoothing?: number;
  /** Stop once the smoothed loss exceeds this factor × its minimum (or a loss is not finite). Default 4. */
  divergeFactor?: number;
  /** Ramps to run, each with its own initialization and batch order (seed, seed+1, …); their spread is the uncertainty. Default 3. */
  repeats?: number;
  /** Default 0. */
  seed?: number;
  /** Receives `{ type: 'progress', task: 'lr-find', done, total }` after every ramp. */
  events?: EventChannel;
}

/** One ramp of {@link lrFind}. */
export interface LrRamp {
  seed: number;
  rates: number[];
  losses: number[];
  smoothed: number[];
  /**
   * The rate where the smoothed loss falls fastest per unit of log(rate) (slope over ±5 % of
   * the ramp, skipping its first 10 %), before the smoothed minimum.
   */
  steepest: number;
  /** The rate at the smoothed loss's minimum. */
  minimum: number;
  /** The rate at which the ramp stopped for divergence (undefined when it reached `maxRate`). */
  divergedAt?: number;
}

/** What {@link lrFind} returns. */
export interface LrFindResult {
  /** The suggested rate: the geometric mean of the ramps' steepest-descent rates. */
  suggested: number;
  /** The spread of the ramps' suggestions as a factor: exp(std of log rate) (1 for a single ramp). */
  spread: number;
  /** The smallest and largest suggestion of the ramps. */
  range: [number, number];
  /** The geometric mean of the rates at the smoothed minimum; rates near it are too large to train with. */
  minimum: number;
  ramps: LrRamp[];
}

/**
 * Runs the learning-rate range test `repeats` times and suggests a rate with its uncertainty.
 * Fresh weights each ramp (`model.init(seed + k)`); leaves no tensors.
 * @example
 * const found = await lrFind({ model, train, optimizer: 'sgd' });
 * console.log(`lr ≈ ${found.suggested} (×/÷ ${found.spread})`);
 */
export async function lrFind(options: LrFindOptions): Promise<LrFindResult> {
  const minRate = options.minRate ?? 1e-7;
  const maxRate = options.maxRate ?? 10;
  const steps = options.steps ?? 100;
  const smoothing = options.smoothing ?? 0.98;
  const divergeFactor = options.divergeFactor ?? 4;
  const repeats = options.repeats ?? 3;
  const seed = options.seed ?? 0;
  if (!(minRate > 0) || !(maxRate > minRate)) throw new InputError('E_VALUE', `lrFind: needs 0 < minRate < maxRate, got ${minRate} and ${maxRate}`);
  if (!Number.isInteger(steps) || steps < 5) throw new InputError('E_VALUE', `lrFind: steps must be a whole number ≥ 5, got ${steps}`);
  if (!(smoothing >= 0 && smoothing < 1)) throw new InputError('E_VALUE', `lrFind: smoothing must be in [0, 1), got ${smoothing}`);
  if (!(divergeFactor > 1)) throw new InputError('E_VALUE', `lrFind: divergeFactor must be above 1, got ${divergeFactor}`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new InputError('E_VALUE', `lrFind: repeats must be a whole number ≥ 1, got ${repeats}`);
  if (options.train.n === 0) throw new InputError('E_TOO_FEW_ROWS', `lrFind: training data "${options.train.name}" has no rows`);
  const ramps: LrRamp[] = [];
  const events = options.events ?? silentChannel;
  for (let k = 0; k < repeats; k++) {
    ramps.push(await ramp(options, { minRate, maxRate, steps, smoothing, divergeFactor, seed: seed + k }));
    events.emit({ type: 'progress', task: 'lr-find', done: k + 1, total: repeats });
  }
  const logs = ramps.map((r) => Math.log(r.steepest));
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const std = logs.length < 2 ? 0 : Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
  const minimum = Math.exp(ramps.reduce((a, r) => a + Math.log(r.minimum), 0) / ramps.length);
  return {
    suggested: Math.exp(mean),
    spread: Math.exp(std),
    range: [Math.min(...ramps.map((r) => r.steepest)), Math.max(...ramps.map((r) => r.steepest))],
    minimum,
    ramps,
  };
}

/**
 * The bias-corrected exponential moving average of `values` (fastai's smoothing):
 * a_i = β·a_{i−1} + (1−β)·v_i, reported as a_i / (1 − β^(i+1)).
 * @example
 * smoothLosses([1, 2], 0.5); // [1, 1.6667]
 */
export function smoothLosses(values: readonly number[], beta: number): number[] {
  let average = 0;
  return values.map((v, i) => {
    average = beta * average + (1 - beta) * v;
    return average / (1 - beta ** (i + 1));
  });
}

/**
 * Index of the steepest descent of `y` against `x`: the most negative slope
 * (y[i+w] − y[i−w]) / (x[i+w] − x[i−w]) over a window of ±`window` points, for `from` ≤ i < `end`
 * (the first points of a bias-corrected average are noisy; the window smooths what is left).
 * @example
 * steepestDescent([0, 1, 2, 3, 4, 5], [5, 5, 4, 1, 0.5, 0.4], 6); // 2
 */
export function steepestDescent(x: readonly number[], y: readonly number[], end: number, window = 1, from = window): number {
  const last = Math.min(end, y.length - window);
  let best = Math.max(0, Math.min(from, end - 1));
  let slope = Number.POSITIVE_INFINITY;
  for (let i = Math.max(from, window); i < last; i++) {
    const s = ((y[i + window] as number) - (y[i - window] as number)) / ((x[i + window] as number) - (x[i - window] as number));
    if (s < slope) {
      slope = s;
      best = i;
    }
  }
  return best;
}

interface RampSettings {
  minRate: number;
  maxRate: number;
  steps: number;
  smoothing: number;
  divergeFactor: number;
  seed: number;
}

async function ramp(options: LrFindOptions, s: RampSettings): Promise<LrRamp> {
  const { model, train } = options;
  const loss = options.loss ?? lossForTask(train.task, model as Partial<LosslensModel> as LosslensModel);
  const optimizer = resolveOptimizer(options.optimizer ?? 'adam', options.lens).create(options.optimizerConfig ?? {}, model.layout);
  const rng = createRng(s.seed).fork('lr-find');
  const data = toTensors(train);
  let theta = tf.tensor1d(model.init(s.seed));
  let batchX: tf.Tensor = data.x;
  let batchY: tf.Tensor = data.y;
  const valueAndGradient = tf.valueAndGrad((t: tf.Tensor) => loss(model.apply(t as tf.Tensor1D, batchX), batchY));
  const rates: number[] = [];
  const losses: number[] = [];
  const smoothed: number[] = [];
  let divergedAt: number | undefined;
  let queue: number[][] = [];
  let average = 0;
  let best = Number.POSITIVE_INFINITY;
  try {
    for (let i = 0; i < s.steps; i++) {
      const rate = s.minRate * (s.maxRate / s.minRate) ** (i / (s.steps - 1));
      if (queue.length === 0) queue = batchIndices(train.n, options.batchSize ?? 32, rng);
      const rows = queue.shift() as number[];
      const full = rows.length === train.n;
      if (!full) {
        const index = tf.tensor1d(Int32Array.from(rows), 'int32');
        batchX = tf.gather(data.x, index);
        batchY = tf.gather(data.y, index);
        index.dispose();
      }
      const [value, next] = tf.tidy(() => {
        const { value: v, grad } = valueAndGradient(theta);
        return [v, optimizer.step(theta, grad as tf.Tensor1D, rate)] as const;
      });
      if (!full) tf.dispose([batchX, batchY]);
      const current = ((await value.data())[0] as number) ?? Number.NaN;
      value.dispose();
      theta.dispose();
      theta = next;
      rates.push(rate);
      losses.push(current);
      average = s.smoothing * average + (1 - s.smoothing) * current;
      const smooth = average / (1 - s.smoothing ** (i + 1));
      smoothed.push(smooth);
      if (!Number.isFinite(smooth) || smooth > s.divergeFactor * best) {
        divergedAt = rate;
        break;
      }
      best = Math.min(best, smooth);
    }
  } finally {
    theta.dispose();
    tf.dispose([data.x, data.y]);
    optimizer.dispose();
  }
  const finite = smoothed.map((v) => (Number.isFinite(v) ? v : Number.POSITIVE_INFINITY));
  const lowest = finite.indexOf(Math.min(...finite));
  const logRates = rates.map(Math.log);
  // Window ±5 % of the ramp; skip its first 10 %, where the average holds only a few losses.
  const window = Math.max(1, Math.round(s.steps / 20));
  const steep = steepestDescent(logRates, finite, lowest, window, Math.max(window, Math.floor(s.steps / 10)));
  const result: LrRamp = { seed: s.seed, rates, losses, smoothed, steepest: rates[steep] as number, minimum: rates[lowest] as number };
  if (divergedAt !== undefined) result.divergedAt = divergedAt;
  return result;
}
