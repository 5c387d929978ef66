/**
 * Experiment (d) of the lecture, batch size: the same net, data, seed, learning rate and
 * number of epochs at several batch sizes. Small batches take many noisy updates per epoch
 * and end with lower training and validation loss; large batches take few, so an epoch is
 * faster (with parallel hardware) but optimization gets less done.
 */
import { holdout } from '@losslens/data';
import type { DefaultLens } from '@losslens/lens';
import type { EpochRecord } from '@losslens/optim';
import { barChart, lineChart } from '@losslens/plot';
import { formatNumber } from '../experiment.js';
import type { Experiment, ExperimentContext, ExperimentResult } from '../experiment.js';
import { relayProgress, signalOf, throwIfStopped } from './training.js';

/** Options of {@link measureBatchSizes}. */
export interface BatchSizeOptions {
  /** Default `[8, 32, 128, 'full']`. */
  batchSizes?: readonly (number | 'full')[];
  /** Rows of two-moons data; a quarter is held out for validation. Default 400. */
  n?: number;
  /** Default 30. */
  epochs?: number;
  /** Plain SGD learning rate, the same for every batch size; default 0.1. */
  learningRate?: number;
  seed?: number;
  context?: ExperimentContext;
  /** Cancels the run between epochs. */
  signal?: AbortSignal;
}

/** One training run of {@link measureBatchSizes}. */
export interface BatchSizeRun {
  batchSize: number | 'full';
  updatesPerEpoch: number;
  msPerEpoch: number;
  msPerUpdate: number;
  history: EpochRecord[];
  train: { loss: number; accuracy: number };
  validation: { loss: number; accuracy: number };
}

/**
 * Trains `mlp:32:relu` on two moons once per batch size (same initial θ and seed).
 * @example
 * const { runs } = await measureBatchSizes(await createDefaultLens(), { batchSizes: [16, 'full'] });
 */
export async function measureBatchSizes(lens: DefaultLens, options: BatchSizeOptions = {}): Promise<{ trainRows: number; runs: BatchSizeRun[] }> {
  const seed = options.seed ?? 0;
  const epochs = options.epochs ?? 30;
  const sizes = options.batchSizes ?? [8, 32, 128, 'full'];
  const { train, validation } = holdout(await lens.dataset('two-moons', { n: options.n ?? 400, noise: 0.2, seed }), { validation: 0.25, seed });
  const runs: BatchSizeRun[] = [];
  for (const [i, batchSize] of sizes.entries()) {
    const { model } = await lens.model('mlp:32:relu', { inputShape: [2], outputs: 2, task: 'classification' });
    const result = await lens.fit({
      model,
      train,
      validation,
      optimizer: 'sgd',
      learningRate: options.learningRate ?? 0.1,
      epochs,
      batchSize,
      seed,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.context === undefined ? {} : { events: relayProgress(options.context.events, `batch size ${batchSize}`, i * epochs, sizes.length * epochs) }),
    });
    throwIfStopped(options.signal);
    const mean = (pick: (h: EpochRecord) => number): number => result.history.reduce((s, h) => s + pick(h), 0) / result.history.length;
    runs.push({
      batchSize,
      updatesPerEpoch: result.history[0]?.updates ?? 0,
      msPerEpoch: mean((h) => h.msPerEpoch),
      msPerUpdate: mean((h) => h.msPerUpdate),
      history: result.history,
      train: { loss: result.final?.train.loss ?? Number.NaN, accuracy: result.final?.train.accuracy ?? Number.NaN },
      validation: { loss: result.final?.validation?.loss ?? Number.NaN, accuracy: result.final?.validation?.accuracy ?? Number.NaN },
    });
  }
  return { trainRows: train.n, runs };
}

/** Experiment (d): small vs large batches at equal epochs. */
export const batchSizeExperiment: Experiment = {
  id: 'batch-size',
  title: 'Small vs large batches',
  topic: 'optimization: batch size',
  description:
    'Two-moons classification with the same net, seed, learning rate and number of epochs at several batch sizes. Small batches: many noisy updates, better optimization and validation accuracy. Large batches: few updates, faster epochs.',
  async run(context: ExperimentContext): Promise<ExperimentResult> {
    const { trainRows, runs } = await measureBatchSizes(context.lens, { seed: context.seed, context, ...signalOf(context), ...(context.quick ? { epochs: 5 } : {}) });
    const f = (v: number): string => formatNumber(v, 4);
    const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;
    const label = (b: number | 'full'): string => (b === 'full' ? `full (${trainRows})` : String(b));
    const smallest = runs[0];
    const largest = runs.at(-1);
    return {
      headline:
        smallest !== undefined && largest !== undefined
          ? `After the same number of epochs, batch size ${label(smallest.batchSize)} reaches ${pct(smallest.validation.accuracy)} validation accuracy with ${smallest.updatesPerEpoch} updates per epoch; batch size ${label(largest.batchSize)} reaches ${pct(largest.validation.accuracy)} with ${largest.updatesPerEpoch}.`
          : 'No runs.',
      facts: runs.flatMap((r) => [
        {
          id: `batch-${r.batchSize}`,
          label: `batch ${label(r.batchSize)}: updates / epoch, ms / epoch, ms / update`,
          value: `${r.updatesPerEpoch}, ${r.msPerEpoch.toFixed(1)}, ${r.msPerUpdate.toFixed(2)}`,
        },
        {
          id: `batch-${r.batchSize}-metrics`,
          label: `batch ${label(r.batchSize)}: train loss, validation loss, validation accuracy`,
          value: `${f(r.train.loss)}, ${f(r.validation.loss)}, ${pct(r.validation.accuracy)}`,
        },
      ]),
      charts: [
        {
          spec: lineChart({
            title: 'Training loss per epoch',
            series: runs.map((r) => ({ name: `batch ${label(r.batchSize)}`, points: r.history.map((h) => [h.epoch, h.trainLoss] as [number, number]) })),
            x: { title: 'epoch' },
            y: { title: 'training cross-entropy', scale: 'log' },
          }),
          caption: 'Per epoch, small batches make more progress: they take more (noisy) steps.',
        },
        {
          spec: barChart({
            title: 'Time per epoch and validation accuracy',
            bars: runs.flatMap((r) => [
              { label: label(r.batchSize), value: r.msPerEpoch / Math.max(...runs.map((q) => q.msPerEpoch)), group: 'ms / epoch (relative)' },
              { label: label(r.batchSize), value: r.validation.accuracy, group: 'validation accuracy' },
            ]),
            x: { title: 'batch size' },
            y: { title: 'fraction' },
          }),
          caption: 'Large batches finish an epoch faster but, at equal epochs, generalize worse.',
        },
      ],
    };
  },
};
