/**
 * The tfjs-layers / Keras `modelTopology` of a Sequential model ⇄ losslens layer configs.
 * Supported layers: InputLayer, Dense, Conv2D, MaxPooling2D, AveragePooling2D, Flatten,
 * Reshape, Dropout, Activation, BatchNormalization (channels last, no dilation).
 */
import { InputError } from '@losslens/core';
import { isActivation, type ActivationName } from './activations.js';
import type { Layer, LayerConfig } from './layers/layer.js';

/**
 * Layer classes a model.json may contain.
 * @example
 * supportedLayerClasses.includes('Conv2D'); // true
 */
export const supportedLayerClasses = [
  'InputLayer',
  'Dense',
  'Conv2D',
  'MaxPooling2D',
  'AveragePooling2D',
  'Flatten',
  'Reshape',
  'Dropout',
  'Activation',
  'BatchNormalization',
] as const;

/** A JSON object as parsed from model.json. */
export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const formatError = (label: string, message: string): never => {
  throw new InputError('E_MODEL_FORMAT', `${label}: ${message}`);
};

/** The sample shape from `[null, ...dims]`, or undefined when `value` is not one. */
function sampleShape(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined;
  const dims = value.slice(1);
  return dims.every((d) => Number.isInteger(d) && (d as number) > 0) ? (dims as number[]) : undefined;
}

/** The topology object inside a model.json (`modelTopology`, possibly wrapping a Keras `model_config`). */
function topologyOf(root: unknown, label: string): Json {
  if (!isObject(root)) return formatError(label, 'not a tfjs-layers model.json (expected a JSON object with "modelTopology")');
  if (root['format'] === 'graph-model') {
    return formatError(label, 'is a tfjs graph model (tfjs-converter); only layers models (format "layers-model") are supported');
  }
  let topology: unknown = root['modelTopology'] ?? (typeof root['class_name'] === 'string' ? root : undefined);
  if (isObject(topology) && isObject(topology['model_config'])) topology = topology['model_config'];
  if (!isObject(topology)) return formatError(label, 'has no "modelTopology" object; is it a tfjs-layers model.json?');
  return topology;
}

/** A parsed topology: the input shape and the layer configs in order. */
export interface ParsedTopology {
  inputShape: number[];
  layers: LayerConfig[];
  name?: string;
}

/**
 * Reads a model.json's topology into layer configs. Throws InputError E_MODEL_FORMAT with a
 * one-line message naming the file and, where it applies, the layer.
 * @example
 * const { inputShape, layers } = parseTopology(JSON.parse(text), 'model.json');
 */
export function parseTopology(root: unknown, label: string): ParsedTopology {
  const topology = topologyOf(root, label);
  const className = topology['class_name'];
  if (className !== 'Sequential') {
    return formatError(label, `only Sequential models are supported, this one is "${String(className)}"`);
  }
  const config = topology['config'];
  const entries: unknown = Array.isArray(config) ? config : isObject(config) ? config['layers'] : undefined;
  if (!Array.isArray(entries) || entries.length === 0) return formatError(label, 'the Sequential model lists no layers');
  const name = isObject(config) && typeof config['name'] === 'string' ? config['name'] : undefined;
  let inputShape: number[] | undefined;
  const layers: LayerConfig[] = [];
  entries.forEach((entry, index) => {
    if (!isObject(entry) || typeof entry['class_name'] !== 'string' || !isObject(entry['config'])) {
      formatError(label, `layer ${index + 1} is not a {"class_name", "config"} object`);
    }
    const layerClass = (entry as Json)['class_name'] as string;
    const c = (entry as Json)['config'] as Json;
    const layerName = typeof c['name'] === 'string' ? c['name'] : `${layerClass} ${index + 1}`;
    const where = `${label}: layer ${layerName}`;
    if (index === 0 || layerClass === 'InputLayer') {
      const buildConfig = isObject(c['build_config']) ? c['build_config']['input_shape'] : undefined;
      inputShape ??= sampleShape(c['batch_input_shape']) ?? sampleShape(c['batch_shape']) ?? sampleShape(buildConfig);
      if (inputShape === undefined && Array.isArray(c['input_shape'])) inputShape = sampleShape([null, ...c['input_shape']]);
    }
    const mapped = layerConfig(layerClass, c, layerName, where);
    if (mapped !== undefined) layers.push(mapped);
  });
  if (inputShape === undefined) {
    return formatError(label, 'the first layer has no "batch_input_shape"; the input shape is unknown');
  }
  return { inputShape, layers, ...(name === undefined ? {} : { name }) };
}

function activationOf(value: unknown, where: string): ActivationName {
  if (value === undefined || value === null) return 'linear';
  const name = isObject(value) ? value['class_name'] : value;
  const normalized = typeof name === 'string' ? name.toLowerCase() : name;
  if (!isActivation(normalized)) {
    return formatError(where, `unsupported activation "${typeof name === 'string' ? name : JSON.stringify(name)}"`);
  }
  return normalized;
}

function size2(value: unknown, where: string, field: string): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => Number.isInteger(v) && v > 0)) {
    return formatError(where, `"${field}" must be two positive integers, got ${JSON.stringify(value)}`);
  }
  return [pair[0] as number, pair[1] as number];
}

function channelsLast(c: Json, where: string): void {
  const format = c['data_format'];
  if (format !== undefined && format !== null && format !== 'channels_last') {
    formatError(where, `data_format "${String(format)}" is not supported (only channels_last)`);
  }
}

function padding(value: unknown, where: string): 'valid' | 'same' {
  if (value === undefined || value === 'valid' || value === 'same') return value ?? 'valid';
  return formatError(where, `padding "${String(value)}" is not supported (valid or same)`);
}

function layerConfig(layerClass: string, c: Json, name: string, where: string): LayerConfig | undefined {
  switch (layerClass) {
    case 'InputLayer':
      return undefined;
    case 'Dense': {
      const units = c['units'];
      if (!Number.isInteger(units) || (units as number) <= 0) formatError(where, `"units" must be a positive integer`);
      return { type: 'dense', name, units: units as number, activation: activationOf(c['activation'], where), useBias: c['use_bias'] !== false };
    }
    case 'Conv2D': {
      channelsLast(c, where);
      const dilation = c['dilation_rate'];
      if (dilation !== undefined && dilation !== 1 && !(Array.isArray(dilation) && dilation.every((d) => d === 1))) {
        formatError(where, `dilation_rate ${JSON.stringify(dilation)} is not supported`);
      }
      if (c['groups'] !== undefined && c['groups'] !== 1) formatError(where, `grouped convolution is not supported`);
      const filters = c['filters'];
      if (!Number.isInteger(filters) || (filters as number) <= 0) formatError(where, `"filters" must be a positive integer`);
      return {
        type: 'conv2d',
        name,
        filters: filters as number,
        kernelSize: size2(c['kernel_size'], where, 'kernel_size'),
        strides: size2(c['strides'] ?? 1, where, 'strides'),
        padding: padding(c['padding'], where),
        activation: activationOf(c['activation'], where),
        useBias: c['use_bias'] !== false,
      };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      channelsLast(c, where);
      const poolSize = size2(c['pool_size'] ?? 2, where, 'pool_size');
      const strides = c['strides'] === null || c['strides'] === undefined ? poolSize : size2(c['strides'], where, 'strides');
      return {
        type: layerClass === 'MaxPooling2D' ? 'maxPool2d' : 'avgPool2d',
        name,
        poolSize,
        strides,
        padding: padding(c['padding'], where),
      };
    }
    case 'Flatten':
      channelsLast(c, where);
      return { type: 'flatten', name };
    case 'Reshape': {
      const target = c['target_shape'];
      if (!Array.isArray(target) || !target.every((d) => Number.isInteger(d) && d > 0)) {
        formatError(where, `"target_shape" must be positive integers, got ${JSON.stringify(target)}`);
      }
      return { type: 'reshape', name, targetShape: target as number[] };
    }
    case 'Dropout': {
      const rate = c['rate'];
      if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) formatError(where, `"rate" must be in [0, 1)`);
      return { type: 'dropout', name, rate: rate as number };
    }
    case 'Activation':
      return { type: 'activation', name, activation: activationOf(c['activation'], where) };
    case 'BatchNormalization': {
      const rawAxis = Array.isArray(c['axis']) && c['axis'].length === 1 ? c['axis'][0] : (c['axis'] ?? -1);
      if (!Number.isInteger(rawAxis)) formatError(where, `axis ${JSON.stringify(c['axis'])} is not supported (only the last axis)`);
      const epsilon = typeof c['epsilon'] === 'number' ? c['epsilon'] : 1e-3;
      const momentum = typeof c['momentum'] === 'number' ? c['momentum'] : 0.99;
      return { type: 'batchNorm', name, axis: rawAxis as number, epsilon, momentum, center: c['center'] !== false, scale: c['scale'] !== false };
    }
    default:
      return formatError(
        where,
        `unsupported layer "${layerClass}" (supported: ${supportedLayerClasses.filter((c) => c !== 'InputLayer').join(', ')})`,
      );
  }
}

/**
 * Writes built layers as a tfjs-layers Sequential `modelTopology` (what `model.toJSON()`
 * gives). Residual blocks have no Sequential form: they throw InputError E_MODEL_FORMAT.
 * @example
 * const topology = writeTopology(model.layers, model.inputShape, 'sequential_1');
 */
export function writeTopology(layers: readonly Layer[], inputShape: readonly number[], name: string): Json {
  const written = layers.map((layer, index) => {
    const c = writeLayerConfig(layer);
    if (index === 0) c['batch_input_shape'] = [null, ...inputShape];
    return { class_name: layer.className, config: c };
  });
  return {
    class_name: 'Sequential',
    config: { name, layers: written },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
}

function writeLayerConfig(layer: Layer): Json {
  const config = layer.config;
  const base = { name: layer.name, trainable: true, dtype: 'float32' };
  switch (config.type) {
    case 'dense':
      return { ...base, units: config.units, activation: config.activation ?? 'linear', use_bias: config.useBias ?? true };
    case 'conv2d':
      return {
        ...base,
        filters: config.filters,
        kernel_size: config.kernelSize,
        strides: config.strides,
        padding: config.padding,
        data_format: 'channels_last',
        dilation_rate: [1, 1],
        activation: config.activation ?? 'linear',
        use_bias: config.useBias ?? true,
      };
    case 'maxPool2d':
    case 'avgPool2d':
      return { ...base, pool_size: config.poolSize, strides: config.strides, padding: config.padding, data_format: 'channels_last' };
    case 'flatten':
      return { ...base };
    case 'reshape':
      return { ...base, target_shape: [...config.targetShape] };
    case 'dropout':
      return { ...base, rate: config.rate };
    case 'activation':
      return { ...base, activation: config.activation };
    case 'batchNorm':
      return {
        ...base,
        axis: -1,
        momentum: config.momentum ?? 0.99,
        epsilon: config.epsilon ?? 1e-3,
        center: config.center ?? true,
        scale: config.scale ?? true,
      };
    case 'residual':
      throw new InputError(
        'E_MODEL_FORMAT',
        `layer ${layer.name}: residual blocks have no tfjs-layers Sequential form; only sequential models can be saved`,
      );
  }
}
