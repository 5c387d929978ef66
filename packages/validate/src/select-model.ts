import { InputError, silentChannel, type Dataset, type EventChannel, type Fold, type Splitter } from '@losslens/core';
import type { Executor } from '@losslens/optim';
import { crossValidate, type CrossValidationResult } from './cross-validate.js';
import { splitLabels, type FoldFitOptions, type FoldStandardization, type ModelSource, type Trainer } from './train-fold.js';
import { kFold } from './k-fold.js';

/** A candidate: a spec, or a named factory. */
export type Candidate = string | { name: string; model: ModelSource };

/** Options for {@link selectModel}. */
export interface SelectModelOptions {
  candidates: readonly Candidate[];
  /** Training data only: selection never sees the test set. */
  dataset: Dataset;
  /** Default `kFold({ folds: 5 })`. Every candidate gets the same folds and fold seeds. */
  splitter?: Splitter;
  groups?: ArrayLike<number | string>;
  fit: FoldFitOptions;
  seed?: number;
  standardize?: FoldStandardization;
  events?: EventChannel;
  trainer?: Trainer;
  /** Worker threads for each candidate's folds (see `crossValidate`); default 1. */
  workers?: number;
  /** Where the folds train (optim's `Executor`: in-process, worker pool, queue); see `crossValidate`. */
  executor?: Executor;
  /**
   * Cross-validation results already computed for some candidates (matched by name, e.g. from a
   * resumed run): those candidates are not trained again. They must come from the same data,
   * folds, fit options and seed.
   */
  completed?: readonly CrossValidationResult[];
}

/** The outcome of model selection. */
export interface Selection {
  /** The rule used: the lecture's smallest mean validation loss over the folds. */
  rule: 'smallest mean validation loss';
  /** Each candidate's cross validation, in the order given. */
  results: CrossValidationResult[];
  /** Index and name of the winner. */
  selectedIndex: number;
  selected: string;
  /** Runner-up mean minus winner mean (Infinity with one candidate). */
  margin: number;
  /** The winner's fold std (sample, ddof = 1). */
  std: number;
  /** Set when the margin is within one std of the winner's fold losses: the choice is not clear-cut. */
  warning?: string;
  /** The folds every candidate used. */
  folds: Fold[];
}

/**
 * Picks among candidate models by N-fold cross validation on the training data: the smallest
 * mean validation loss wins (the lecture's rule; non-finite means, e.g. diverged runs, lose).
 * All candidates share the folds and the per-fold seeds, so the comparison is paired. Warns
 * (in `warning` and as a `note` event) when the winner's margin over the runner-up is inside
 * one standard deviation of the winner's fold losses. Throws InputError `E_USAGE` for an
 * empty candidate list.
 * @example
 * const s = await selectModel({ candidates: ['linear', 'mlp:32:relu'], dataset: train,
 *   splitter: kFold({ folds: 5 }), fit: { epochs: 40, batchSize: 32 } });
 * console.log(s.selected, s.warning ?? '');
 */
export async function selectModel(options: SelectModelOptions): Promise<Selection> {
  const { candidates, dataset } = options;
  if (candidates.length === 0) throw new InputError('E_USAGE', 'selectModel: the candidate list is empty; give at least one model');
  const events = options.events ?? silentChannel;
  const splitter = options.splitter ?? kFold({ folds: 5 });
  const folds = splitter.split(dataset.n, { labels: splitLabels(dataset), groups: options.groups });
  const results: CrossValidationResult[] = [];
  for (const [index, candidate] of candidates.entries()) {
    const name = typeof candidate === 'string' ? candidate : candidate.name;
    const reused = options.completed?.find((r) => r.model === name);
    if (reused !== undefined) {
      results.push(reused);
      continue;
    }
    events.emit({ type: 'stage', name: `cv ${name}`, state: 'start', message: `candidate ${index + 1} of ${candidates.length}` });
    const cvOptions = {
      model: typeof candidate === 'string' ? candidate : candidate.model,
      dataset,
      folds,
      fit: options.fit,
      seed: options.seed ?? 0,
      standardize: options.standardize ?? 'none',
      events,
      label: name,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.executor !== undefined ? { executor: options.executor } : {}),
    };
    const result = await crossValidate(options.trainer === undefined ? cvOptions : { ...cvOptions, trainer: options.trainer });
    results.push({ ...result, splitter: splitter.name });
    events.emit({ type: 'stage', name: `cv ${name}`, state: 'end' });
  }
  const score = (r: CrossValidationResult) => (Number.isFinite(r.mean) ? r.mean : Infinity);
  let selectedIndex = 0;
  results.forEach((r, i) => {
    if (score(r) < score(results[selectedIndex] as CrossValidationResult)) selectedIndex = i;
  });
  const winner = results[selectedIndex] as CrossValidationResult;
  const others = results.filter((_, i) => i !== selectedIndex).map(score);
  const runnerUp = others.length === 0 ? Infinity : Math.min(...others);
  const margin = runnerUp - score(winner);
  const selection: Selection = {
    rule: 'smallest mean validation loss',
    results,
    selectedIndex,
    selected: winner.model,
    margin,
    std: winner.std,
    folds: [...folds],
  };
  if (others.length > 0 && margin <= winner.std) {
    const runnerName = results.find((r, i) => i !== selectedIndex && score(r) === runnerUp)?.model ?? '';
    selection.warning =
      `"${winner.model}" wins by ${margin.toPrecision(3)}, inside one std (${winner.std.toPrecision(3)}) of its fold losses; ` +
      `"${runnerName}" is about as good`;
    events.emit({ type: 'note', level: 'warn', message: selection.warning });
  }
  return selection;
}
