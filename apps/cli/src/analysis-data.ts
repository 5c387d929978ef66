/**
 * The rows `hessian` and `landscape` compute the loss on: `--train F.csv --target COL` (`--data` is
 * the same flag under its first name) or `--dataset NAME`. A model saved by `train --save` brings
 * its preprocessing.json, which is applied unchanged, so the loss is the one training reported;
 * otherwise the rows are used as they are, or standardized on themselves with `--standardize`.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, type Dataset, type Task } from '@losslens/core';
import { fitStandardizer, loadCsv } from '@losslens/data';
import type { DefaultLens } from '@losslens/lens';
import type { CliIO } from './command.js';
import { applyPreprocessing, likeTraining, modelLocation, readPreprocessing } from './preprocessing.js';

/** The data flags of the commands that analyze one point. */
export interface AnalysisDataFlags {
  train?: string;
  data?: string;
  dataset?: string;
  target?: string;
  standardize?: boolean;
  seed: number;
}

/**
 * Adds `--train` (alias `--data`), `--dataset`, `--target` and `--standardize` to a command.
 * @example
 * analysisDataOptions(program.command('hessian'));
 */
export function analysisDataOptions(command: Command): Command {
  return command
    .option('--train <file>', 'CSV the loss is computed on (header row; every column but --target is a feature)')
    .option('--data <file>', 'the same as --train')
    .option('--dataset <name>', 'a built-in dataset (or a plugin\'s) instead of --train: curve, iris, two-moons, …')
    .option('--target <column>', 'the column to predict (with --train)')
    .option('--standardize', 'standardize the features on these rows (a model saved by `train --save` brings its own preprocessing instead)');
}

/**
 * Loads the rows for the model named by `model` (a spec, a model.json or its folder), applying the
 * preprocessing saved with it. `task` is the one `--loss` implies, if any.
 * @example
 * const { dataset } = await loadAnalysisData(flags, flags.model, io, lens);
 */
export async function loadAnalysisData(
  flags: AnalysisDataFlags,
  model: string,
  io: CliIO,
  lens: DefaultLens,
  task?: Task,
): Promise<{ dataset: Dataset }> {
  if (flags.train !== undefined && flags.data !== undefined && resolve(io.cwd, flags.train) !== resolve(io.cwd, flags.data)) {
    throw new InputError('E_USAGE', `--data is another name for --train; give one of them (got ${flags.train} and ${flags.data})`, { flag: '--data' });
  }
  const file = flags.train ?? flags.data;
  if ((file === undefined) === (flags.dataset === undefined)) {
    throw new InputError('E_USAGE', 'give either --train F.csv --target COL (or --data F.csv) or --dataset NAME', { flag: file === undefined ? '--train' : '--dataset' });
  }
  const location = await modelLocation(io.cwd, model);
  const saved = location === undefined ? undefined : await readPreprocessing(location, '--model');
  let dataset: Dataset;
  if (file !== undefined) {
    if (flags.target === undefined) throw new InputError('E_USAGE', 'needs --target COL (the column to predict)', { flag: '--target' });
    const like = saved === undefined ? undefined : likeTraining(saved.preprocessing, saved.path);
    dataset = await loadCsv(resolve(io.cwd, file), { target: flags.target, file, ...(like !== undefined ? { like } : task === undefined ? {} : { task }) });
  } else {
    dataset = await lens.dataset(flags.dataset as string, { seed: flags.seed });
  }
  const source = file ?? (flags.dataset as string);
  if (saved !== undefined) {
    if (flags.standardize === true) throw new InputError('E_USAGE', `the model brings its own preprocessing (${saved.path}); drop --standardize`, { flag: '--standardize' });
    io.events.emit({ type: 'note', level: 'info', message: `${source} preprocessed as the model's training data was (${saved.path})` });
    return { dataset: applyPreprocessing(saved.preprocessing, dataset, saved.path) };
  }
  return { dataset: flags.standardize === true ? fitStandardizer(dataset).transform(dataset) : dataset };
}
