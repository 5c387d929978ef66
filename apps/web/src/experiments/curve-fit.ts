/**
 * Experiment (a) of the lecture, model bias: on a 1-D curve (sin 2x plus noise) a linear
 * model's training loss stays large however long it trains, while an MLP reaches the noise
 * floor. A large TRAINING loss that a more flexible model removes is model bias.
 */
import type { DefaultLens } from '@losslens/lens';
import type { EpochRecord } from '@losslens/optim';
import { lineChart, scatterChart } from '@losslens/plot';
import { formatNumber } from '../experiment.js';
import type { Experiment, ExperimentContext, ExperimentResult } from '../experiment.js';
import { linspace, predictCurve, relayProgress, signalOf, throwIfStopped } from './training.js';

/** Options of {@link measureCurveFit}. */
export interface CurveFitOptions {
  /** Training rows; default 160. */
  n?: number;
  /** Noise standard deviation (the best possible MSE is its square); default 0.1. */
  noise?: number;
  /** Default 150. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Adam learning rate; default 0.01. */
  learningRate?: number;
  /** The flexible model; default `mlp:32x32:tanh`. */
  flexible?: string;
  seed?: number;
  context?: ExperimentContext;
  /** Cancels the run between epochs. */
  signal?: AbortSignal;
}

/** One trained model of {@link measureCurveFit}. */
export interface CurveFitRun {
  spec: string;
  parameters: number;
  history: EpochRecord[];
  /** Training MSE at the returned θ. */
  trainLoss: number;
  /** Predictions on `grid`. */
  predictions: number[];
}

/** What {@link measureCurveFit} measures. */
export interface CurveFitMeasurements {
  x: number[];
  y: number[];
  /** noise²: the loss a perfect model would have on average. */
  noiseFloor: number;
  /** MSE of predicting the mean of y (a constant model). */
  constantLoss: number;
  grid: number[];
  runs: [CurveFitRun, CurveFitRun];
}

/**
 * Trains `linear` and a flexible MLP on the same noisy curve, with the same seed and optimizer.
 * @example
 * const m = await measureCurveFit(await createDefaultLens(), { epochs: 50 });
 * m.runs[0].trainLoss > 10 * m.runs[1].trainLoss; // model bias of the linear model
 */
export async function measureCurveFit(lens: DefaultLens, options: CurveFitOptions = {}): Promise<CurveFitMeasurements> {
  const seed = options.seed ?? 0;
  const noise = options.noise ?? 0.1;
  const epochs = options.epochs ?? 150;
  const train = await lens.dataset('curve', { n: options.n ?? 160, noise, seed, curve: 'sine' });
  const x = Array.from(train.features);
  const y = Array.from(train.targets);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  const grid = linspace(-3, 3, 121);
  const specs = ['linear', options.flexible ?? 'mlp:32x32:tanh'] as const;
  const runs: CurveFitRun[] = [];
  for (const [i, spec] of specs.entries()) {
    const { model } = await lens.model(spec, { inputShape: [1], outputs: 1, task: 'regression' });
    const result = await lens.fit({
      model,
      train,
      optimizer: 'adam',
      learningRate: options.learningRate ?? 0.01,
      epochs,
      batchSize: options.batchSize ?? 32,
      seed,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.context === undefined ? {} : { events: relayProgress(options.context.events, `training ${spec}`, i * epochs, 2 * epochs) }),
    });
    throwIfStopped(options.signal);
    runs.push({
      spec,
      parameters: model.parameterCount,
      history: result.history,
      trainLoss: result.final?.train.loss ?? result.history.at(-1)?.trainLoss ?? Number.NaN,
      predictions: await predictCurve(model, result.theta, grid),
    });
  }
  return {
    x,
    y,
    noiseFloor: noise * noise,
    constantLoss: y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length,
    grid,
    runs: runs as [CurveFitRun, CurveFitRun],
  };
}

/** Experiment (a): linear vs MLP on a 1-D curve — model bias. */
export const curveFitExperiment: Experiment = {
  id: 'model-bias',
  title: 'Linear vs MLP on a curve',
  topic: 'large training loss: model bias',
  description:
    'Noisy samples of y = sin 2x. A line cannot follow the curve, so its training loss stays large however long it trains (model bias); an MLP reaches the noise floor.',
  async run(context: ExperimentContext): Promise<ExperimentResult> {
    const m = await measureCurveFit(context.lens, { seed: context.seed, context, ...signalOf(context), ...(context.quick ? { n: 80, epochs: 20 } : {}) });
    const [linear, mlp] = m.runs;
    const f = (v: number): string => formatNumber(v, 4);
    const ratio = linear.trainLoss / mlp.trainLoss;
    const biased = ratio > 2 && linear.trainLoss > 5 * m.noiseFloor;
    return {
      headline: biased
        ? `Model bias: the linear model's training loss (${f(linear.trainLoss)}) is ${ratio.toFixed(0)}× the MLP's (${f(mlp.trainLoss)}); the line is too simple for this curve, a more flexible model fixes it.`
        : `No model bias here: the linear model's training loss (${f(linear.trainLoss)}) is close to the MLP's (${f(mlp.trainLoss)}).`,
      facts: [
        { id: 'linear-train-loss', label: `training MSE, ${linear.spec} (${linear.parameters} parameters)`, value: f(linear.trainLoss) },
        { id: 'mlp-train-loss', label: `training MSE, ${mlp.spec} (${mlp.parameters} parameters)`, value: f(mlp.trainLoss) },
        { id: 'noise-floor', label: 'noise floor (noise²)', value: f(m.noiseFloor) },
        { id: 'constant-loss', label: 'MSE of predicting the mean', value: f(m.constantLoss) },
        { id: 'verdict', label: 'verdict', value: biased ? 'model-bias' : 'healthy' },
      ],
      charts: [
        {
          spec: scatterChart({
            title: 'Data and fitted curves',
            points: [
              ...m.x.map((x, i) => ({ x, y: m.y[i] ?? Number.NaN, group: 'training data' })),
              ...m.grid.map((x, i) => ({ x, y: linear.predictions[i] ?? Number.NaN, group: linear.spec })),
              ...m.grid.map((x, i) => ({ x, y: mlp.predictions[i] ?? Number.NaN, group: mlp.spec })),
            ],
            x: { title: 'x' },
            y: { title: 'y' },
          }),
          caption: 'The best line through a sine wave still misses most of it; the MLP follows the curve.',
        },
        {
          spec: lineChart({
            title: 'Training loss per epoch',
            series: m.runs.map((r) => ({ name: r.spec, points: r.history.map((h) => [h.epoch, h.trainLoss] as [number, number]) })),
            x: { title: 'epoch' },
            y: { title: 'training MSE', scale: 'log' },
          }),
          caption: 'The linear model levels off far above the noise floor: training longer does not help, a more flexible model does.',
        },
      ],
    };
  },
};
