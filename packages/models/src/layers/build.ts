import { isActivation } from '../activations.js';
import { activationLayer } from './activation-layer.js';
import { batchNormLayer } from './batch-norm.js';
import { conv2dLayer } from './conv2d.js';
import { denseLayer } from './dense.js';
import { dropoutLayer } from './dropout.js';
import { layerError, type BuildSource, type Layer, type LayerConfig } from './layer.js';
import { poolLayer } from './pooling.js';
import { flattenLayer, reshapeLayer } from './reshape.js';
import { residualLayer } from './residual.js';

/** tfjs-layers-style default name prefixes (`dense_1`, `conv2d_2`, …). */
const prefixes: Record<LayerConfig['type'], string> = {
  dense: 'dense',
  conv2d: 'conv2d',
  maxPool2d: 'max_pooling2d',
  avgPool2d: 'average_pooling2d',
  flatten: 'flatten',
  reshape: 'reshape',
  dropout: 'dropout',
  batchNorm: 'batch_normalization',
  activation: 'activation',
  residual: 'residual',
};

/**
 * Builds a chain of layers from plain configs, inferring each layer's input shape from the
 * previous output. Names default to `<type>_<n>`; children of a residual block are named
 * `<block>/<child>`. Throws an InputError (the source's code, or E_SHAPE) naming the layer.
 * @example
 * const layers = buildLayers([{ type: 'dense', units: 3 }], [4], { label: 'model spec "linear"', code: 'E_SPEC' });
 */
export function buildLayers(configs: readonly LayerConfig[], inputShape: readonly number[], source: BuildSource): Layer[] {
  const counters = new Map<string, number>();
  const used = new Set<string>();
  const build = (list: readonly LayerConfig[], shape: readonly number[], scope: string): Layer[] => {
    const layers: Layer[] = [];
    let current = shape;
    for (const config of list) {
      const prefix = prefixes[config.type];
      if (prefix === undefined) layerError(source, scope || 'model', `unknown layer type "${String((config as { type: unknown }).type)}"`);
      let base = config.name;
      if (base === undefined) {
        const n = (counters.get(prefix) ?? 0) + 1;
        counters.set(prefix, n);
        base = `${prefix}_${n}`;
      }
      const name = scope ? `${scope}/${base}` : base;
      if (used.has(name)) layerError(source, name, 'two layers have this name; names must be unique');
      used.add(name);
      if ('activation' in config && config.activation !== undefined && !isActivation(config.activation)) {
        layerError(source, name, `unsupported activation "${String(config.activation)}"`);
      }
      const layer = buildOne(config, current, name, (children, s) => build(children, s, name));
      layers.push(layer);
      current = layer.outputShape;
    }
    return layers;
  };
  const buildOne = (
    config: LayerConfig,
    shape: readonly number[],
    name: string,
    buildChildren: (children: readonly LayerConfig[], shape: readonly number[]) => Layer[],
  ): Layer => {
    switch (config.type) {
      case 'dense':
        return denseLayer(config, shape, name, source);
      case 'conv2d':
        return conv2dLayer(config, shape, name, source);
      case 'maxPool2d':
      case 'avgPool2d':
        return poolLayer(config, shape, name, source);
      case 'flatten':
        return flattenLayer(config, shape, name);
      case 'reshape':
        return reshapeLayer(config, shape, name, source);
      case 'dropout':
        return dropoutLayer(config, shape, name, source);
      case 'batchNorm':
        return batchNormLayer(config, shape, name, source);
      case 'activation':
        return activationLayer(config, shape, name);
      case 'residual':
        return residualLayer(config, shape, name, buildChildren(config.layers, shape), source);
    }
  };
  return build(configs, inputShape, '');
}

/** Every layer with parameters or state, depth first (children after their block). */
export function flattenLayers(layers: readonly Layer[]): Layer[] {
  return layers.flatMap((layer) => [layer, ...flattenLayers(layer.children)]);
}
