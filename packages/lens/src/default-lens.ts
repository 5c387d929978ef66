/**
 * The lens both apps work through: the built-ins plus the user's plugins, with the library's
 * main jobs bound to it so every name resolves the same way everywhere.
 */
import { createLens, type Dataset, type DatasetOptions, type EventChannel, type Lens, type Model, type Plugin, type Splitter, type Task } from '@losslens/core';
import { diagnose, type DiagnoseOptions, type Diagnosis } from '@losslens/diagnose';
import { isModelPath, modelFromSpec, resolveModel } from '@losslens/models';
import { fit, type FitOptions, type FitResult } from '@losslens/optim';
import { crossValidate, selectModel, type CrossValidateOptions, type CrossValidationResult, type SelectModelOptions, type Selection } from '@losslens/validate';
import { defaultPlugins } from './default-plugins.js';

/** Options of {@link createDefaultLens}. */
export interface DefaultLensOptions {
  /** Your plugins, beside the built-ins. One named like a built-in (e.g. `@losslens/data`) is the built-in, already present. */
  plugins?: readonly Plugin[];
  backend?: string;
  seed?: number;
  events?: EventChannel;
}

/** What a model name needs to become a model. */
export interface ModelShape {
  inputShape: readonly number[];
  outputs: number;
  task?: Task;
  /** Folder a model.json path resolves against. */
  cwd?: string;
  /** Named in errors about the spec, e.g. `--model`. */
  flag?: string;
}

/** A lens with the library's main jobs bound to it. */
export interface DefaultLens extends Lens {
  /** A dataset by name (`curve`, `synthetic/curve`, a plugin's `mine/tiny`). */
  dataset(name: string, options?: DatasetOptions): Promise<Dataset>;
  /** A model from a spec (a plugin's prefix too) or a model.json path, with the file's θ when it has one. */
  model(spec: string, shape: ModelShape): Promise<{ model: Model; theta?: Float32Array }>;
  /** A splitter by name (`kfold`, `validate/stratified-kfold`, a plugin's). */
  splitter(name: string, config?: Record<string, unknown>): Splitter;
  diagnose(options: Omit<DiagnoseOptions, 'lens'>): Promise<Diagnosis>;
  /** `fit`, with the model given as a spec too. */
  fit(options: Omit<FitOptions, 'lens' | 'model'> & { model: Model | string }): Promise<FitResult>;
  crossValidate(options: CrossValidateOptions): Promise<CrossValidationResult>;
  selectModel(options: SelectModelOptions): Promise<Selection>;
}

/**
 * Assembles the built-ins and your plugins into one lens and binds diagnose, fit and cross
 * validation to it.
 * @example
 * const lens = await createDefaultLens({ plugins: [sensors()] });
 * const train = await lens.dataset('sensors/readings');
 * const d = await lens.diagnose({ train, model: 'sensors/quadratic', budget: 'quick' });
 */
export async function createDefaultLens(options: DefaultLensOptions = {}): Promise<DefaultLens> {
  const builtins = defaultPlugins();
  const names = new Set(builtins.map((p) => p.name));
  const mine = (options.plugins ?? []).filter((p) => !names.has(p.name));
  const lens = await createLens({
    plugins: [...builtins, ...mine],
    ...(options.backend !== undefined ? { backend: options.backend } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.events !== undefined ? { events: options.events } : {}),
  });
  const model = async (spec: string, shape: ModelShape) =>
    isModelPath(spec)
      ? resolveModel(spec, { ...shape, models: lens.models })
      : { model: modelFromSpec(spec, { inputShape: shape.inputShape, outputs: shape.outputs, ...(shape.task ? { task: shape.task } : {}), ...(shape.flag ? { flag: shape.flag } : {}), models: lens.models }) };
  const withLens = <T extends { fit: CrossValidateOptions['fit'] }>(o: T): T => ({ ...o, fit: { ...o.fit, lens } });
  return {
    ...lens,
    dataset: async (name, datasetOptions) => lens.datasets.resolve(name, '--dataset').value(datasetOptions),
    model,
    splitter: (name, config) => lens.splitters.resolve(name, '--splitter').value(config ?? {}),
    diagnose: (o) => diagnose({ ...o, lens }),
    fit: async (o) => {
      const m = typeof o.model === 'string' ? (await model(o.model, { inputShape: o.train.featureShape, outputs: o.train.outputs, task: o.train.task })).model : o.model;
      return fit({ ...o, model: m, lens });
    },
    crossValidate: (o) => crossValidate(withLens(o)),
    selectModel: (o) => selectModel(withLens(o)),
  };
}
