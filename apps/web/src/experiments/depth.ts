/**
 * Experiment (b) of the lecture, an optimization issue: a deeper net gets a LARGER training
 * loss than a shallower one of the same kind (He et al.: 56 layers worse than 20 on training
 * data). The deeper net can represent everything the shallower one can, so the gap is the
 * optimizer's failure, not model bias and not overfitting.
 */
import type { DefaultLens } from '@losslens/lens';
import { relatives } from '@losslens/models';
import type { EpochRecord } from '@losslens/optim';
import { barChart, lineChart } from '@losslens/plot';
import { formatNumber } from '../experiment.js';
import type { Experiment, ExperimentContext, ExperimentResult } from '../experiment.js';
import { relayProgress, signalOf, throwIfStopped } from './training.js';

/** Options of {@link measureDepth}. */
export interface DepthOptions {
  /** The deepest net; its shallower relatives (from models' `relatives`) are trained too. Default `mlp:16x16x16x16x16x16:sigmoid`. */
  deep?: string;
  /** How many shallower relatives to train, closest first is skipped for contrast; default 2. */
  n?: number;
  /** Default 60. */
  epochs?: number;
  /** Default 16. */
  batchSize?: number;
  /** Plain SGD learning rate; default 0.1. */
  learningRate?: number;
  seed?: number;
  context?: ExperimentContext;
  /** Cancels the run between epochs. */
  signal?: AbortSignal;
}

/** One trained net of {@link measureDepth}. */
export interface DepthRun {
  spec: string;
  hiddenLayers: number;
  parameters: number;
  history: EpochRecord[];
  trainLoss: number;
}

/** What {@link measureDepth} measures. */
export interface DepthMeasurements {
  /** MSE of predicting the mean of y: where a net that learned nothing sits. */
  constantLoss: number;
  /** Shallowest first. */
  runs: DepthRun[];
  /** Deeper net with a larger training loss than a shallower one (by more than 10 %). */
  optimizationIssue: boolean;
}

const hiddenLayers = (spec: string): number => (spec.startsWith('mlp:') ? (spec.split(':')[1] ?? '').split('x').length : 0);

/**
 * Trains a deep sigmoid MLP and shallower relatives of it with the same data, seed and SGD.
 * @example
 * const m = await measureDepth(await createDefaultLens());
 * m.optimizationIssue; // true: the 6-layer net stalls where the 1-layer one learns
 */
export async function measureDepth(lens: DefaultLens, options: DepthOptions = {}): Promise<DepthMeasurements> {
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? 60;
  const deep = options.deep ?? 'mlp:16x16x16x16x16x16:sigmoid';
  const shallower = relatives(deep).shallower.filter((s) => s !== 'linear');
  // The farthest relatives first: 1 hidden layer, then about half the depth.
  const specs = [...shallower.reverse().slice(0, options.n ?? 2), deep].sort((a, b) => hiddenLayers(a) - hiddenLayers(b));
  const train = await lens.dataset('curve', { n: 160, noise: 0.1, seed, curve: 'cubic' });
  const y = Array.from(train.targets);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  const runs: DepthRun[] = [];
  for (const [i, spec] of specs.entries()) {
    const { model } = await lens.model(spec, { inputShape: [1], outputs: 1, task: 'regression' });
    const result = await lens.fit({
      model,
      train,
      optimizer: 'sgd',
      learningRate: options.learningRate ?? 0.1,
      epochs,
      batchSize: options.batchSize ?? 16,
      seed,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.context === undefined ? {} : { events: relayProgress(options.context.events, `training ${spec}`, i * epochs, specs.length * epochs) }),
    });
    throwIfStopped(options.signal);
    runs.push({
      spec,
      hiddenLayers: hiddenLayers(spec),
      parameters: model.parameterCount,
      history: result.history,
      trainLoss: result.final?.train.loss ?? result.history.at(-1)?.trainLoss ?? Number.NaN,
    });
  }
  const optimizationIssue = runs.some((a, i) => runs.slice(i + 1).some((b) => b.hiddenLayers > a.hiddenLayers && b.trainLoss > 1.1 * a.trainLoss));
  return { constantLoss: y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length, runs, optimizationIssue };
}

/** Experiment (b): deeper vs shallower nets on training data — an optimization issue. */
export const depthExperiment: Experiment = {
  id: 'optimization',
  title: 'Deeper vs shallower nets',
  topic: 'large training loss: optimization issue',
  description:
    'The same sigmoid MLP at three depths, trained with plain SGD on the same curve. A deeper net can do everything a shallower one can, so when it ends with a LARGER training loss, the optimizer failed: an optimization issue, not model bias.',
  async run(context: ExperimentContext): Promise<ExperimentResult> {
    const m = await measureDepth(context.lens, { seed: context.seed, context, ...signalOf(context), ...(context.quick ? { epochs: 10 } : {}) });
    const f = (v: number): string => formatNumber(v, 4);
    const shallow = m.runs[0];
    const deep = m.runs.at(-1);
    const pair = shallow !== undefined && deep !== undefined ? `${deep.hiddenLayers} hidden layers: ${f(deep.trainLoss)}; ${shallow.hiddenLayers}: ${f(shallow.trainLoss)}` : '';
    return {
      headline: m.optimizationIssue
        ? `Optimization issue: the deeper net has the larger TRAINING loss (${pair}). It could fit at least as well, so gradient descent is what fails; start from the shallower net, or change the optimizer, initialization or activation.`
        : `No optimization issue: the deeper nets fit the training data at least as well (${pair}).`,
      facts: [
        ...m.runs.map((r) => ({
          id: `train-loss-${r.hiddenLayers}`,
          label: `training MSE, ${r.spec} (${r.parameters} parameters)`,
          value: f(r.trainLoss),
        })),
        { id: 'constant-loss', label: 'MSE of predicting the mean (a net that learned nothing)', value: f(m.constantLoss) },
        { id: 'verdict', label: 'verdict', value: m.optimizationIssue ? 'optimization' : 'healthy' },
      ],
      charts: [
        {
          spec: lineChart({
            title: 'Training loss per epoch',
            series: m.runs.map((r) => ({ name: `${r.hiddenLayers} hidden layer${r.hiddenLayers === 1 ? '' : 's'}`, points: r.history.map((h) => [h.epoch, h.trainLoss] as [number, number]) })),
            x: { title: 'epoch' },
            y: { title: 'training MSE', scale: 'log' },
          }),
          caption: 'The deepest net stays near the loss of predicting the mean: its gradients are too weak for SGD to make progress.',
        },
        {
          spec: barChart({
            title: 'Final training loss by depth',
            bars: m.runs.map((r) => ({ label: String(r.hiddenLayers), value: r.trainLoss })),
            x: { title: 'hidden layers' },
            y: { title: 'training MSE' },
          }),
          caption: 'More layers, more capacity, yet a larger training loss: an optimization issue.',
        },
      ],
    };
  },
};
