/**
 * One entry point for what a user passes as `--model`: a spec or a tfjs-layers model.json path.
 */
import { InputError, type Dataset, type Model, type ModelFactory, type Registry, type Task } from '@losslens/core';
import { loadLayersModel } from './load-layers-model.js';
import { models as modelsPlugin } from './plugin.js';
import type { LosslensModel } from './sequential.js';

/** Options for {@link resolveModel}. */
export interface ResolveModelOptions {
  /** Required for specs; for a model.json, checked against the file when given. */
  inputShape?: readonly number[];
  /** Required for specs; for a model.json, checked against the file when given. */
  outputs?: number;
  task?: Task;
  /** Folder relative paths resolve against (default: process.cwd()). */
  cwd?: string;
  /**
   * Where spec prefixes resolve: a lens's `models` registry (built-ins and plugins). Default:
   * the `@losslens/models` plugin's own families.
   */
  models?: Registry<ModelFactory>;
  /** Named in errors about the spec, e.g. `--model`. */
  flag?: string;
}

/**
 * The part of a spec that names its model factory: everything before the first `:`
 * (`mlp` in `mlp:64:relu`, `mine/cnn` in `mine/cnn:32`).
 * @example
 * specPrefix('mine/cnn:32'); // 'mine/cnn'
 */
export function specPrefix(spec: string): string {
  const colon = spec.indexOf(':');
  return (colon < 0 ? spec : spec.slice(0, colon)).trim();
}

let builtinModels: Registry<ModelFactory> | undefined;

/** The models plugin's own families as a registry (no lens needed). */
function builtinRegistry(): Registry<ModelFactory> {
  if (builtinModels !== undefined) return builtinModels;
  const table = modelsPlugin().provides?.models ?? {};
  const keys = Object.keys(table);
  builtinModels = {
    get: (key) => table[key]!,
    has: (key) => key in table,
    keys: () => keys,
    owner: (key) => (key in table ? '@losslens/models' : undefined),
    resolve(name) {
      const key = keys.find((k) => k === name) ?? keys.find((k) => k.slice(k.indexOf('/') + 1) === name);
      if (key === undefined) throw new InputError('E_SPEC', `unknown model "${name}" (known: ${keys.join(', ')})`);
      return { key, value: table[key]! };
    },
  };
  return builtinModels;
}

/**
 * True when `value` names a file rather than a spec: it ends in `.json`, or starts like a path
 * (`./`, `../`, `/`, `~`, a drive letter) or holds a backslash. A plugin's `mine/cnn:32` is a spec.
 * @example
 * isModelPath('out/model.json'); // true
 * isModelPath('mine/cnn:32'); // false
 */
export function isModelPath(value: string): boolean {
  const v = value.trim();
  return /\.json$/i.test(v) || /^(\.{1,2}[\\/]|[\\/~]|[a-z]:[\\/])/i.test(v) || v.includes('\\');
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * A spec → a fresh model (no θ; call `model.init(seed)`), built by the model factory its
 * prefix names (`mlp:64:relu` → `models/mlp`, a plugin's `mine/cnn:32` → `mine/cnn`); a
 * model.json path → the imported model and its θ. Throws InputError: E_SPEC/E_MODEL_FORMAT/E_FILE_NOT_FOUND as the
 * underlying call, E_SHAPE when a model.json disagrees with the given input shape or outputs.
 * @example
 * const { model, theta } = await resolveModel(flags.model, { inputShape: [4], outputs: 1 });
 */
export async function resolveModel(
  specOrPath: string,
  options: ResolveModelOptions = {},
): Promise<{ model: Model; theta?: Float32Array }> {
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
  return { model: modelFromSpec(specOrPath, { ...options, inputShape: options.inputShape, outputs: options.outputs }) };
}

/**
 * Builds a fresh model from a spec (no files): the factory its prefix names, from `options.models`
 * (a lens's registry) or the built-in families. Throws InputError E_SPEC for an unknown prefix.
 * @example
 * const model = modelFromSpec('mlp:16:tanh', { inputShape: [3], outputs: 1 });
 */
export function modelFromSpec(
  spec: string,
  options: Omit<ResolveModelOptions, 'cwd' | 'inputShape' | 'outputs'> & { inputShape: readonly number[]; outputs: number },
): Model {
  const registry = options.models ?? builtinRegistry();
  const prefix = specPrefix(spec);
  let factory: ModelFactory;
  try {
    factory = registry.resolve(prefix).value;
  } catch {
    const plugins = registry.keys().filter((key) => registry.owner(key) !== '@losslens/models');
    const extra = plugins.length > 0 ? `, a plugin's ${plugins.map((k) => `${k}:…`).join(', ')}` : '';
    throw new InputError(
      'E_SPEC',
      `unknown model spec "${spec}"; use linear, mlp:<w1>x<w2>…:<activation>, cnn:<layers>:<activation>, resnet-mlp:<width>x<blocks>:<activation>${extra}, or a model.json path`,
      options.flag ? { flag: options.flag } : {},
    );
  }
  const colon = spec.indexOf(':');
  const args = colon < 0 ? '' : spec.slice(colon + 1);
  return factory({ inputShape: options.inputShape, outputs: options.outputs, task: options.task, spec, args });
}

/**
 * True for the models this package builds (specs and imported tfjs-layers models), which
 * carry their layers; a plugin's model may be any {@link Model}.
 * @example
 * if (isLosslensModel(model)) console.log(model.layers.length);
 */
export function isLosslensModel(model: Model): model is LosslensModel {
  return Array.isArray((model as Partial<LosslensModel>).layers) && typeof (model as Partial<LosslensModel>).family === 'string';
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
