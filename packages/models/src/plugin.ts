/**
 * The models plugin: the built-in model families, contributed through the same contract a
 * third-party plugin uses.
 */
import { packageVersion } from './version.js';
import { InputError, definePlugin, type ModelFactory, type ModelOptions, type Plugin } from '@losslens/core';
import { createModel } from './spec.js';

/**
 * The package version the plugin reports (checked against dependents' ranges).
 * @example
 * definePlugin({ name: 'mine', version: '1.0.0', dependencies: [`@losslens/models@^${modelsVersion}`] });
 */
export const modelsVersion: string = packageVersion;

const list = (value: unknown, fallback: number[]): number[] =>
  Array.isArray(value) ? value.map(Number) : typeof value === 'number' ? [value] : fallback;

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);

/** Builds from `options.spec` when given, else from the family's own options. */
const family =
  (build: (options: ModelOptions) => string): ModelFactory =>
  (options) => {
    if (options === undefined || !Array.isArray(options.inputShape) || typeof options.outputs !== 'number') {
      throw new InputError('E_SHAPE', 'a model factory needs { inputShape, outputs }');
    }
    const spec = typeof options['spec'] === 'string' ? options['spec'] : build(options);
    const task = options['task'] === 'classification' || options['task'] === 'regression' ? options['task'] : undefined;
    return createModel(spec, { inputShape: options.inputShape, outputs: options.outputs, task });
  };

/**
 * The `@losslens/models` plugin. Registers `models/linear`, `models/mlp` (`hidden`: widths,
 * default [64, 64]; `activation`, default relu), `models/cnn` (`layers`, default
 * `8c3-p2-16c3-p2`; `activation`; `head`: widths), `models/resnet-mlp` (`width` 64, `blocks` 2,
 * `activation`) and `models/spec` (`spec`: any spec string). Every factory also accepts `spec`.
 * @example
 * const lens = await createLens({ plugins: [models()] });
 * const model = lens.models.get('models/mlp')({ inputShape: [4], outputs: 1, hidden: [32] });
 */
export function models(): Plugin {
  return definePlugin({
    name: '@losslens/models',
    version: modelsVersion,
    provides: {
      models: {
        'models/linear': family(() => 'linear'),
        'models/mlp': family((o) => `mlp:${list(o['hidden'], [64, 64]).join('x')}:${text(o['activation'], 'relu')}`),
        'models/cnn': family((o) => {
          const head = list(o['head'], []);
          return `cnn:${text(o['layers'], '8c3-p2-16c3-p2')}:${text(o['activation'], 'relu')}${head.length > 0 ? `:${head.join('x')}` : ''}`;
        }),
        'models/resnet-mlp': family(
          (o) => `resnet-mlp:${list(o['width'], [64])[0]}x${list(o['blocks'], [2])[0]}:${text(o['activation'], 'relu')}`,
        ),
        'models/spec': family((o) => {
          throw new InputError('E_SPEC', `models/spec needs a "spec" option, got ${JSON.stringify(o['spec'])}`);
        }),
      },
    },
  });
}
