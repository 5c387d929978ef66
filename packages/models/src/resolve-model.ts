/**
 * One entry point for what a user passes as `--model`: a spec or a tfjs-layers model.json path.
 */
import { InputError, type Dataset, type Model, type Task } from '@losslens/core';
import { loadLayersModel } from './load-layers-model.js';
import type { LosslensModel } from './sequential.js';
import { createModel } from './spec.js';

/** Options for {@link resolveModel}. */
export interface ResolveModelOptions {
  /** Required for specs; for a model.json, checked against the file when given. */
  inputShape?: readonly number[];
  /** Required for specs; for a model.json, checked against the file when given. */
  outputs?: number;
  task?: Task;
  /** Folder relative paths resolve against (default: process.cwd()). */
  cwd?: string;
}

/**
 * True when `value` names a file rather than a spec (ends in `.json` or contains a path separator).
 * @example
 * isModelPath('out/model.json'); // true
 */
export function isModelPath(value: string): boolean {
  return /\.json$/i.test(value.trim()) || /[\\/]/.test(value);
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * A spec → a fresh model (no θ; call `model.init(seed)`); a model.json path → the imported
 * model and its θ. Throws InputError: E_SPEC/E_MODEL_FORMAT/E_FILE_NOT_FOUND as the
 * underlying call, E_SHAPE when a model.json disagrees with the given input shape or outputs.
 * @example
 * const { model, theta } = await resolveModel(flags.model, { inputShape: [4], outputs: 1 });
 */
export async function resolveModel(
  specOrPath: string,
  options: ResolveModelOptions = {},
): Promise<{ model: LosslensModel; theta?: Float32Array }> {
  if (isModelPath(specOrPath)) {
    const nodePath = await import('node:path');
    const path = nodePath.resolve(options.cwd ?? process.cwd(), specOrPath);
    const loaded = await loadLayersModel(path);
    const { model } = loaded;
    if (options.inputShape !== undefined && shapeText(options.inputShape) !== shapeText(model.inputShape)) {
      throw new InputError(
        'E_SHAPE',
        `${specOrPath}: the model takes inputs of shape ${shapeText(model.inputShape)}, the data has ${shapeText(options.inputShape)}`,
      );
    }
    if (options.outputs !== undefined && options.outputs !== model.outputs) {
      throw new InputError('E_SHAPE', `${specOrPath}: the model has ${model.outputs} outputs, the data needs ${options.outputs}`);
    }
    return loaded;
  }
  if (options.inputShape === undefined || options.outputs === undefined) {
    throw new InputError('E_SHAPE', `model spec "${specOrPath}": an input shape and an output count are needed to build it`);
  }
  return { model: createModel(specOrPath, { inputShape: options.inputShape, outputs: options.outputs, task: options.task }) };
}

/**
 * Checks that a dataset fits a model: the sample shape equals the model's input shape and
 * the target width (regression columns or classes) equals its outputs (a one-output model
 * also fits two classes). Throws InputError E_SHAPE naming the dataset and the model.
 * @example
 * assertCompatible(model, train);
 */
export function assertCompatible(model: Model, dataset: Dataset): void {
  if (shapeText(dataset.featureShape) !== shapeText(model.inputShape)) {
    throw new InputError(
      'E_SHAPE',
      `${dataset.origin}: the data has samples of shape ${shapeText(dataset.featureShape)}, model "${model.spec}" takes ${shapeText(model.inputShape)}`,
    );
  }
  const binary = dataset.task === 'classification' && dataset.outputs === 2 && model.outputs === 1;
  if (dataset.outputs !== model.outputs && !binary) {
    const what = dataset.task === 'classification' ? 'classes' : 'target columns';
    throw new InputError(
      'E_SHAPE',
      `${dataset.origin}: the data has ${dataset.outputs} ${what}, model "${model.spec}" has ${model.outputs} outputs`,
    );
  }
}
