/**
 * The preprocessing saved beside a trained model (`train --save DIR` writes DIR/preprocessing.json),
 * so `hessian`, `landscape` and `critical-study` see the rows exactly as training did: the same
 * target, feature columns, class order and standardization (means and stds of the training part).
 */
import { dirname, join, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { InputError, type Dataset, type Task } from '@losslens/core';
import { readTextFile, standardizerFromState, type StandardizerState } from '@losslens/data';

/** The file name `train --save` writes beside model.json. */
export const PREPROCESSING_FILE = 'preprocessing.json';

/** What `preprocessing.json` holds. */
export interface Preprocessing {
  format: 'losslens-preprocessing';
  version: 1;
  /** Where the training rows came from (`--train` file or `builtin:…`). */
  origin: string;
  target: string;
  task: Task;
  featureNames: readonly string[];
  classNames?: readonly string[];
  /** The feature standardization fitted on the training part; absent with `--no-standardize`. */
  standardizer?: StandardizerState;
}

/**
 * The preprocessing of a training run, to save with its model.
 * @example
 * const saved = describePreprocessing(trainPart, scaler?.state);
 */
export function describePreprocessing(train: Dataset, standardizer: StandardizerState | undefined): Preprocessing {
  return {
    format: 'losslens-preprocessing',
    version: 1,
    origin: train.origin,
    target: train.targetName,
    task: train.task,
    featureNames: [...train.featureNames],
    ...(train.classNames === undefined ? {} : { classNames: [...train.classNames] }),
    ...(standardizer === undefined ? {} : { standardizer }),
  };
}

/**
 * Reads the preprocessing.json saved beside a model (`model` is a model.json or its folder);
 * undefined when there is none, or when `model` is a spec. A malformed file is an exit-2 error naming it.
 * @example
 * const saved = await readPreprocessing(resolve(cwd, 'trained'), '--model');
 */
export async function readPreprocessing(model: string, flag: string): Promise<{ path: string; preprocessing: Preprocessing } | undefined> {
  const found = await stat(model).catch(() => undefined);
  if (found === undefined) return undefined;
  const path = join(found.isDirectory() ? model : dirname(model), PREPROCESSING_FILE);
  if ((await stat(path).catch(() => undefined))?.isFile() !== true) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readTextFile(path));
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputError('E_VALUE', `${path}: not valid JSON (${error.message})`, { flag });
    throw error;
  }
  const p = json as Partial<Preprocessing>;
  const state = p.standardizer;
  const ok =
    p.format === 'losslens-preprocessing' &&
    p.version === 1 &&
    typeof p.target === 'string' &&
    (p.task === 'regression' || p.task === 'classification') &&
    Array.isArray(p.featureNames) &&
    (p.classNames === undefined || Array.isArray(p.classNames)) &&
    (state === undefined ||
      ((state.scope === 'feature' || state.scope === 'global') &&
        Array.isArray(state.featureMean) &&
        Array.isArray(state.featureStd) &&
        state.featureMean.length === state.featureStd.length &&
        state.featureMean.every(Number.isFinite) &&
        state.featureStd.every((s) => Number.isFinite(s) && s > 0)));
  if (!ok) throw new InputError('E_VALUE', `${path}: not a losslens preprocessing file (expected the one \`losslens train --save\` writes)`, { flag });
  return { path, preprocessing: p as Preprocessing };
}

/**
 * How to read a CSV as more rows of the model's training data (`loadCsv`'s `like`): its task,
 * feature columns and class order.
 * @example
 * const dataset = await loadCsv(file, { target, like: likeTraining(saved.preprocessing, saved.path) });
 */
export function likeTraining(saved: Preprocessing, savedPath: string): Pick<Dataset, 'task' | 'featureNames' | 'classNames' | 'name'> {
  return { task: saved.task, featureNames: saved.featureNames, ...(saved.classNames === undefined ? {} : { classNames: saved.classNames }), name: `the model's training data (${savedPath})` };
}

/**
 * Applies saved preprocessing to rows read for analysis: the target, feature columns and classes
 * must be the ones the model was trained on, and the saved standardization is applied unchanged.
 * @example
 * const rows = applyPreprocessing(saved.preprocessing, dataset, saved.path);
 */
export function applyPreprocessing(saved: Preprocessing, dataset: Dataset, savedPath: string): Dataset {
  const where = `the model was trained with ${savedPath}`;
  const mismatch = (what: string) => new InputError('E_VALUE', `${what} (${where})`, { file: dataset.origin });
  if (dataset.targetName !== saved.target) throw mismatch(`target column "${dataset.targetName}" is not the model's target "${saved.target}"`);
  if (dataset.featureNames.join(',') !== saved.featureNames.join(',')) {
    throw mismatch(`feature columns ${dataset.featureNames.join(',')} differ from the model's ${saved.featureNames.join(',')}`);
  }
  if (dataset.task !== saved.task || (dataset.classNames ?? []).join('\u0000') !== (saved.classNames ?? []).join('\u0000')) {
    throw mismatch(`the ${dataset.task} target with classes ${(dataset.classNames ?? []).join(',') || '—'} differs from the model's ${saved.task} target with classes ${(saved.classNames ?? []).join(',') || '—'}`);
  }
  return saved.standardizer === undefined ? dataset : standardizerFromState(saved.standardizer).transform(dataset);
}

/** The absolute path a `--model` value names when it is a file or folder, else undefined (a spec). */
export async function modelLocation(cwd: string, model: string): Promise<string | undefined> {
  const path = resolve(cwd, model);
  return (await stat(path).catch(() => undefined)) === undefined ? undefined : path;
}
