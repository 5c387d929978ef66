import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, isInputError, type Dataset, type Fold, type Model, type Task } from '@losslens/core';
import { loadCsv } from '@losslens/data';
import type { DefaultLens } from '@losslens/lens';
import { isModelPath } from '@losslens/models';
import { splitLabels, type CrossValidationResult, type FoldFitOptions, type ModelSource, type Selection } from '@losslens/validate';
import type { CliIO } from '../command.js';
import { choiceFlag, intFlag, numberFlag, seedFlag } from '../errors.js';
import { checkOptimizer, openLens, withDefaultRate, pluginFlag } from '../lens.js';
import { preflightOutputs, writeOutput } from '../write-output.js';
import { formatTable } from '../table.js';
import { stopSignal } from '../interrupt.js';
import { partialFields, readResume } from '../resume.js';
import { resultSettings, stopWithPartial } from '../resumable.js';
import { selectModelInSteps } from '../resumable-studies.js';

const optimizers = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad', 'lars', 'lamb'];

/** The training flags `cv` and `learning-curve` share. */
export interface TrainingFlags {
  train?: string;
  dataset?: string;
  target?: string;
  task?: Task;
  epochs: number;
  batchSize: number | 'full';
  optimizer: string;
  lr?: number;
  seed: number;
  standardize: boolean;
  backend?: string;
  plugin?: string[];
}

/** Adds the shared training flags to a command. */
export function trainingOptions(command: Command): Command {
  return command
    .option('--train <file>', 'training CSV (header row; every column but --target is a numeric feature)')
    .option('--dataset <name>', 'a built-in dataset (or a plugin\'s) instead of --train: curve, iris, two-moons, mnist, …')
    .option('--target <column>', 'the column to predict (with --train)')
    .option('--task <task>', 'regression or classification (default: inferred)', choiceFlag('--task', ['regression', 'classification'] as const))
    .option('--epochs <n>', 'epochs per training run', intFlag('--epochs', { min: 1 }), 100)
    .option('--batch-size <n|full>', 'rows per update, or full', (v: string) => (v === 'full' ? 'full' : intFlag('--batch-size', { min: 1 })(v)), 32)
    .option('--optimizer <name>', `${optimizers.join('|')} or a plugin's`, 'adam')
    .option('--lr <x>', "learning rate (default: 0.01 for adam/adamw/lamb, else the optimizer's)", numberFlag('--lr'))
    .option('--seed <n>', 'seed of the shuffle and of every initialization', seedFlag(), 0)
    .option('--no-standardize', 'do not standardize features (by default they are, fitted on each fold\'s training rows only)')
    .option('--backend <name>', 'wasm | cpu | tensorflow (default: best available)')
    .option(...pluginFlag);
}

/**
 * Opens the lens (built-ins and `--plugin` modules, on `--backend`) and loads the training CSV;
 * with `groups`, that column holds each row's group and is not a feature.
 */
export async function loadTraining(flags: TrainingFlags, io: CliIO, groups?: string): Promise<{ lens: DefaultLens; dataset: Dataset; groupOf?: Float32Array }> {
  const lens = await openLens(flags, io);
  checkOptimizer(lens, flags.optimizer);
  if ((flags.train === undefined) === (flags.dataset === undefined)) {
    throw new InputError('E_USAGE', 'give either --train F.csv --target COL or --dataset NAME', { flag: flags.train === undefined ? '--train' : '--dataset' });
  }
  if (flags.dataset !== undefined) {
    if (groups !== undefined) throw new InputError('E_USAGE', `needs a CSV with a group column (--train F.csv); built-in datasets have none`, { flag: '--groups' });
    return { lens, dataset: await lens.dataset(flags.dataset, { seed: flags.seed }) };
  }
  if (flags.target === undefined) throw new InputError('E_USAGE', 'needs --target COL (the column to predict)', { flag: '--target' });
  const file = flags.train as string;
  const path = resolve(io.cwd, file);
  const base = { target: flags.target, file, ...(flags.task ? { task: flags.task } : {}) };
  const dataset = await loadCsv(path, base);
  if (groups === undefined) return { lens, dataset };
  if (!dataset.featureNames.includes(groups)) {
    throw new InputError('E_USAGE', `column "${groups}" is not a feature column of ${file} (columns: ${dataset.featureNames.join(', ')})`, { flag: '--groups' });
  }
  const features = dataset.featureNames.filter((name) => name !== groups);
  const [withoutGroups, grouping] = await Promise.all([
    loadCsv(path, { ...base, features }),
    loadCsv(path, { target: groups, file, task: 'classification', features }),
  ]);
  return { lens, dataset: withoutGroups, groupOf: grouping.targets };
}

/** The data's name for messages: the `--train` file or the `--dataset` name. */
export const dataSource = (flags: Pick<TrainingFlags, 'train' | 'dataset'>): string => flags.train ?? flags.dataset ?? '';

/** The fit options the flags ask for, resolving names through `lens`. */
export function fitOptions(flags: TrainingFlags, lens: DefaultLens): FoldFitOptions {
  return {
    lens,
    epochs: flags.epochs,
    batchSize: flags.batchSize,
    optimizer: flags.optimizer,
    ...withDefaultRate(lens, flags.optimizer, flags.lr),
  };
}

/**
 * Checks a spec (or model.json path) against the data before any training and returns its
 * model source: a spec builds a fresh model per fold; a model.json's architecture is reused
 * (it holds no weights: every fold starts from `model.init(seed)`). Errors name `flag`.
 */
export async function modelSource(spec: string, dataset: Dataset, io: CliIO, flag: string, lens: DefaultLens): Promise<ModelSource> {
  let model: Model;
  try {
    ({ model } = await lens.model(spec, { cwd: io.cwd, inputShape: dataset.featureShape, outputs: dataset.outputs, task: dataset.task }));
  } catch (error) {
    if (isInputError(error)) throw new InputError(error.code, error.message, { flag });
    throw error;
  }
  return isModelPath(spec) ? () => model : spec;
}

/** Requires at least `folds` rows, naming the file and the flag. */
export function checkFolds(folds: number, dataset: Dataset, file: string): void {
  if (folds > dataset.n) {
    throw new InputError('E_TOO_FEW_ROWS', `cannot split the ${dataset.n} rows of ${file} into ${folds} folds`, { flag: '--folds' });
  }
}

interface CvFlags extends TrainingFlags {
  folds: number;
  shuffle?: boolean;
  splitter: string;
  groups?: string;
  models: string;
  workers: number;
  json?: string;
  resume?: string;
}

/** The `losslens cv` JSON (DESIGN.md's contract, plus a few extra fields). */
export function cvJson(selection: Selection) {
  return {
    ...partialCvJson(selection.folds, selection.results),
    selected: selection.selected,
    rule: selection.rule,
    stdKind: 'sample standard deviation over folds (ddof = 1)',
    ...(selection.warning !== undefined ? { warning: selection.warning } : {}),
  };
}

/** The cv JSON of a partial run: the folds and the finished models, no selection yet. */
export function partialCvJson(folds: readonly Fold[], results: readonly CrossValidationResult[]) {
  return {
    folds: folds.map((f) => ({ train: f.train, validation: f.validation })),
    models: results.map((r) => ({ spec: r.model, foldLosses: r.validationLosses, mean: r.mean, std: r.std, trainLosses: r.folds.map((f) => f.trainLoss), ms: r.ms })),
  };
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : String(x));

/** The per-model table: mean ± std of the validation loss, train loss, per-fold losses. */
export function cvTable(selection: Selection): string {
  const rows = selection.results.map((r, i) => [
    r.model,
    `${fmt(r.mean)} ± ${fmt(r.std)}`,
    fmt(r.trainMean),
    r.validationLosses.map(fmt).join(' '),
    i === selection.selectedIndex ? '← selected' : '',
  ]);
  const header = ['model', 'validation loss (mean ± std)', 'train loss', 'per fold', ''];
  return formatTable(header, rows);
}

/** The splitter `--splitter` names, configured by `--folds`, `--shuffle` and `--seed` as it takes them. */
function makeSplitter(lens: DefaultLens, flags: CvFlags) {
  const { key } = lens.splitters.resolve(flags.splitter, '--splitter');
  const short = key.slice(key.indexOf('/') + 1);
  const config: Record<string, unknown> =
    short === 'time-series'
      ? { splits: flags.folds }
      : short === 'group-kfold'
        ? { folds: flags.folds }
        : short === 'kfold' || short === 'stratified-kfold'
          ? { folds: flags.folds, shuffle: flags.shuffle === true, seed: flags.seed }
          : { folds: flags.folds, ...(flags.shuffle ? { shuffle: true } : {}), seed: flags.seed };
  try {
    return lens.splitter(key, config);
  } catch (error) {
    if (isInputError(error)) throw new InputError(error.code, error.message, { flag: '--splitter' });
    throw error;
  }
}

/** `losslens cv`: N-fold cross validation of candidate models; selects the smallest mean validation loss. */
export function register(program: Command, io: CliIO): void {
  trainingOptions(
    program
      .command('cv')
      .description('N-fold cross validation of candidate models on the training data; picks the smallest mean validation loss'),
  )
    .option('--folds <k>', 'number of folds (as scikit-learn KFold: consecutive, the first n mod k folds one row larger)', intFlag('--folds', { min: 2 }), 5)
    .option('--shuffle', 'shuffle rows before making the folds (seeded by --seed)')
    .option('--splitter <name>', 'kfold | stratified-kfold | group-kfold (with --groups) | time-series | a plugin\'s', 'kfold')
    .option('--groups <column>', 'the column naming each row\'s group, for group-kfold (not used as a feature)')
    .requiredOption('--models <specs>', 'candidate models separated by ";", e.g. "linear;mlp:32:relu;mlp:64x64:relu"')
    .option('--workers <n>', 'train each model\'s folds in this many worker threads (1: in this thread)', intFlag('--workers', { min: 1 }), 1)
    .option('--json <out>', 'write the folds, per-model fold losses, mean, std and the selection as JSON')
    .option('--resume <out.json>', 'continue a partial run (written on Ctrl-C or SIGTERM) without redoing finished models; writes to --json, else back to this file')
    .action(async (flags: CvFlags) => {
      flags.json ??= flags.resume;
      await preflightOutputs(io.cwd, flags);
      const settings = resultSettings(flags);
      const resumed = flags.resume === undefined ? undefined : await readResume<{ results: CrossValidationResult[] }>(io.cwd, flags.resume, 'cv', settings);
      const specs = flags.models.split(';').map((s) => s.trim()).filter((s) => s.length > 0);
      if (specs.length === 0) throw new InputError('E_USAGE', 'no model specs given (e.g. "linear;mlp:32:relu")', { flag: '--models' });
      const { lens, dataset, groupOf } = await loadTraining(flags, io, flags.groups);
      checkFolds(flags.folds, dataset, dataSource(flags));
      const candidates = [];
      for (const spec of specs) candidates.push({ name: spec, model: await modelSource(spec, dataset, io, '--models', lens) });
      const splitter = makeSplitter(lens, flags);
      const grouped = splitter.name.startsWith('group');
      if (grouped && groupOf === undefined) throw new InputError('E_USAGE', `${flags.splitter} needs --groups COLUMN`, { flag: '--groups' });
      const signal = stopSignal(io);
      const steps = await selectModelInSteps({
        candidates,
        dataset,
        splitter,
        ...(groupOf ? { groups: groupOf } : {}),
        fit: fitOptions(flags, lens),
        seed: flags.seed,
        standardize: flags.standardize ? 'features' : 'none',
        workers: flags.workers,
        events: io.events,
      }, { signal, ...(resumed === undefined ? {} : { finished: resumed.results }) });
      const selection = steps.selection;
      if (selection === undefined) {
        const folds = splitter.split(dataset.n, { labels: splitLabels(dataset), ...(groupOf ? { groups: groupOf } : {}) });
        const json = { ...partialCvJson(folds, steps.results), ...partialFields('cv', settings, { models: steps.missing }, { results: steps.results }) };
        return await stopWithPartial(io, signal, flags.json, json, `stopped after ${steps.results.length} of ${candidates.length} models`);
      }
      io.stdout(
        `${selection.folds.length}-fold cross validation on ${dataSource(flags)} (${dataset.n} rows, ${splitter.name}, ${dataset.task})\n\n` +
          `${cvTable(selection)}\n\nselected: ${selection.selected} (smallest mean validation loss; ± is the sample std over folds)\n`,
      );
      if (selection.warning !== undefined) io.stdout(`warning: ${selection.warning}\n`);
      if (flags.json !== undefined) {
        const path = await writeOutput(io.cwd, flags.json, `${JSON.stringify(cvJson(selection), null, 2)}\n`, '--json');
        io.stdout(`wrote ${path}\n`);
      }
    });
}
