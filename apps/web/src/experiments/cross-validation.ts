/**
 * Bias–complexity and N-fold cross validation: models of growing size on a small noisy curve,
 * each scored on the same k folds through the lens (`lens.selectModel` with `lens.splitter('kfold')`).
 * The training loss falls with size; the validation loss falls, then rises once the model fits
 * the noise, and the pick is the smallest mean validation loss, never the test set.
 */
import type { DefaultLens } from '@losslens/lens';
import { barChart, lineChart } from '@losslens/plot';
import { formatNumber } from '../experiment.js';
import type { Experiment, ExperimentContext, ExperimentResult } from '../experiment.js';
import { signalOf, throwIfStopped } from './training.js';

/** Options of {@link measureCrossValidation}. */
export interface CrossValidationOptions {
  /** Candidates, simplest first; default linear, mlp:4:tanh, mlp:16x16:tanh, mlp:64x64x64:tanh. */
  candidates?: readonly string[];
  /** Rows of the noisy cubic; default 60 (small, so the largest net can fit the noise). */
  n?: number;
  /** Default 5. */
  folds?: number;
  /** Default 150. */
  epochs?: number;
  seed?: number;
  signal?: AbortSignal;
  context?: ExperimentContext;
}

/** One candidate's cross-validated scores. */
export interface CandidateScore {
  spec: string;
  parameters: number;
  trainMean: number;
  validationMean: number;
  validationStd: number;
  /** Validation loss of each fold, in fold order. */
  foldLosses: number[];
}

/**
 * Cross-validates each candidate on the same folds and picks the smallest mean validation loss.
 * @example
 * const m = await measureCrossValidation(await createDefaultLens(), { folds: 3 });
 * m.scores[m.selectedIndex].spec; // the pick
 */
export async function measureCrossValidation(lens: DefaultLens, options: CrossValidationOptions = {}): Promise<{ scores: CandidateScore[]; selectedIndex: number; folds: number }> {
  const seed = options.seed ?? 0;
  const folds = options.folds ?? 5;
  const candidates = options.candidates ?? ['linear', 'mlp:4:tanh', 'mlp:16x16:tanh', 'mlp:64x64x64:tanh'];
  const dataset = await lens.dataset('curve', { n: options.n ?? 60, noise: 0.3, seed, curve: 'cubic' });
  const selection = await lens.selectModel({
    candidates,
    dataset,
    splitter: lens.splitter('kfold', { folds, shuffle: true, seed }),
    seed,
    workers: 1,
    fit: { optimizer: 'adam', learningRate: 0.01, epochs: options.epochs ?? 150, batchSize: 16, ...(options.signal ? { signal: options.signal } : {}) },
    ...(options.context === undefined ? {} : { events: options.context.events }),
  });
  throwIfStopped(options.signal);
  const parameters = await Promise.all(candidates.map(async (spec) => (await lens.model(spec, { inputShape: [1], outputs: 1, task: 'regression' })).model.parameterCount));
  return {
    scores: selection.results.map((r, i) => ({
      spec: candidates[i] ?? r.model,
      parameters: parameters[i] ?? 0,
      trainMean: r.trainMean,
      validationMean: r.mean,
      validationStd: r.std,
      foldLosses: r.validationLosses,
    })),
    selectedIndex: selection.selectedIndex,
    folds,
  };
}

/** Bias–complexity: the U-shaped validation curve and the fold table of N-fold CV. */
export const crossValidationExperiment: Experiment = {
  id: 'cross-validation',
  title: 'Model size and N-fold CV',
  topic: 'choosing a model: bias–complexity',
  description:
    'Four models of growing size on 60 noisy points of a cubic, each trained on the same 5 folds. Training loss keeps falling with size; validation loss falls and then rises as the model starts to fit the noise. Pick the smallest mean validation loss, never the test loss.',
  async run(context: ExperimentContext): Promise<ExperimentResult> {
    const m = await measureCrossValidation(context.lens, { seed: context.seed, context, ...signalOf(context), ...(context.quick ? { epochs: 40, folds: 3 } : {}) });
    const f = (v: number): string => formatNumber(v, 4);
    const pick = m.scores[m.selectedIndex];
    return {
      headline: `N-fold CV (${m.folds} folds) picks ${pick?.spec ?? '—'}: mean validation MSE ${f(pick?.validationMean ?? Number.NaN)} ± ${f(pick?.validationStd ?? Number.NaN)}.`,
      facts: [
        { id: 'selected', label: 'selected (smallest mean validation loss)', value: pick?.spec ?? '—' },
        ...m.scores.map((s) => ({
          id: `cv-${s.spec}`,
          label: `${s.spec} (${s.parameters} parameters): train mean, validation mean ± std; per fold`,
          value: `${f(s.trainMean)}, ${f(s.validationMean)} ± ${f(s.validationStd)}; ${s.foldLosses.map(f).join(' ')}`,
        })),
      ],
      charts: [
        {
          spec: lineChart({
            title: 'Loss against model size',
            series: [
              { name: 'training (mean over folds)', points: m.scores.map((s) => [s.parameters, s.trainMean] as [number, number]) },
              { name: 'validation (mean over folds)', points: m.scores.map((s) => [s.parameters, s.validationMean] as [number, number]) },
            ],
            x: { title: 'parameters', scale: 'log' },
            y: { title: 'MSE', scale: 'log' },
          }),
          caption: 'Bias on the left (both losses large), variance on the right (the gap opens); the pick sits at the bottom of the validation curve.',
        },
        {
          spec: barChart({
            title: 'Validation loss per fold',
            bars: m.scores.flatMap((s) => s.foldLosses.map((loss, i) => ({ label: s.spec, value: loss, group: `fold ${i + 1}` }))),
            x: { title: 'model' },
            y: { title: 'validation MSE' },
          }),
          caption: 'The same folds for every model: the spread across folds is how much the choice can be trusted.',
        },
      ],
    };
  },
};
