/**
 * Model specs: one string names an architecture, so comparisons are one flag each.
 *
 * - `linear` — one dense layer from the inputs to the outputs.
 * - `mlp:<w1>x<w2>x…:<activation>[:bn][:dropout=<rate>]` — hidden dense layers of the given
 *   widths, then a linear output layer; `bn` puts batch norm between each hidden dense layer
 *   and its activation, `dropout=r` adds dropout after each hidden activation. The activation
 *   defaults to relu.
 * - `cnn:<layers>[:<activation>[:<w1>x<w2>…]]` — layers joined by `-`: `<F>c<K>` a K×K
 *   convolution with F filters (valid padding, stride 1; append `s<S>` for stride S and/or
 *   `same` for same padding, e.g. `16c3s2same`), `p<K>` K×K max pooling, `a<K>` average
 *   pooling, `bn` batch norm, `d<rate>` dropout; then flatten, optional hidden dense widths,
 *   and the linear output layer. Inputs `[h, w, c]`; a flat input of n = s² values is read as
 *   `[s, s, 1]`. Example: `cnn:8c3-p2-16c3-p2:relu:32`.
 * - `resnet-mlp:<width>x<blocks>[:<activation>]` — a dense projection to `width`, then
 *   `blocks` residual blocks `act(h + W₂·act(W₁h + b₁) + b₂)`, then the linear output layer.
 *
 * Outputs are logits (no final activation).
 */
import { InputError, type Task } from '@losslens/core';
import { hiddenActivations, prefersHeInit } from './activations.js';
import type { LayerConfig } from './layers/layer.js';
import { sequentialModel, type LosslensModel } from './sequential.js';

/** A hidden activation a spec may name. */
export type HiddenActivation = (typeof hiddenActivations)[number];

/** One token of a `cnn:` spec. */
export type CnnToken =
  | { kind: 'conv'; filters: number; kernel: number; stride: number; padding: 'valid' | 'same' }
  | { kind: 'maxPool' | 'avgPool'; size: number }
  | { kind: 'batchNorm' }
  | { kind: 'dropout'; rate: number };

/** A parsed model spec. */
export type ParsedSpec =
  | { family: 'linear' }
  | { family: 'mlp'; hidden: number[]; activation: HiddenActivation; batchNorm: boolean; dropout: number }
  | { family: 'cnn'; layers: CnnToken[]; activation: HiddenActivation; head: number[] }
  | { family: 'resnet-mlp'; width: number; blocks: number; activation: HiddenActivation };

/** Options for {@link createModel}. */
export interface CreateModelOptions {
  /** Shape of one sample, e.g. `[4]` or `[28, 28, 1]`. */
  inputShape: readonly number[];
  /** Output width: regression targets or classes. */
  outputs: number;
  task?: Task;
}

const GRAMMAR =
  'use linear, mlp:<w1>x<w2>…:<activation>, cnn:<layers>:<activation>, resnet-mlp:<width>x<blocks>:<activation>, or a model.json path';

const specError = (spec: string, message: string): never => {
  throw new InputError('E_SPEC', `model spec "${spec}": ${message}`);
};

const positive = (spec: string, text: string, what: string): number => {
  if (!/^\d+$/.test(text) || Number(text) <= 0) specError(spec, `${what} "${text}" is not a positive integer`);
  return Number(text);
};

const widths = (spec: string, text: string, what: string): number[] =>
  text.split('x').map((w) => positive(spec, w, what));

const activationOf = (spec: string, text: string | undefined): HiddenActivation => {
  if (text === undefined || text === '') return 'relu';
  if (!(hiddenActivations as readonly string[]).includes(text)) {
    specError(spec, `unknown activation "${text}" (use ${hiddenActivations.join(', ')})`);
  }
  return text as HiddenActivation;
};

const rate = (spec: string, text: string): number => {
  const r = Number(text);
  if (text === '' || !Number.isFinite(r) || r < 0 || r >= 1) specError(spec, `dropout rate "${text}" must be in [0, 1)`);
  return r;
};

/**
 * Parses a model spec (see the module comment for the grammar). Throws InputError E_SPEC
 * naming the spec on anything it does not know.
 * @example
 * parseSpec('mlp:64x64:relu'); // { family: 'mlp', hidden: [64, 64], activation: 'relu', batchNorm: false, dropout: 0 }
 */
export function parseSpec(spec: string): ParsedSpec {
  const text = spec.trim();
  if (text.toLowerCase().endsWith('.json')) specError(spec, 'is a model.json path; load it with loadLayersModel');
  const [family, ...rest] = text.split(':');
  switch (family) {
    case 'linear':
      if (rest.length > 0) specError(spec, 'linear takes no options');
      return { family: 'linear' };
    case 'mlp': {
      const [hidden, act, ...options] = rest;
      if (hidden === undefined || hidden === '') specError(spec, 'needs hidden widths, e.g. mlp:64x64:relu');
      let batchNorm = false;
      let dropout = 0;
      for (const option of options) {
        if (option === 'bn') batchNorm = true;
        else if (option.startsWith('dropout=')) dropout = rate(spec, option.slice('dropout='.length));
        else specError(spec, `unknown mlp option "${option}" (use bn or dropout=<rate>)`);
      }
      return { family: 'mlp', hidden: widths(spec, hidden!, 'width'), activation: activationOf(spec, act), batchNorm, dropout };
    }
    case 'cnn': {
      const [layers, act, head, ...extra] = rest;
      if (layers === undefined || layers === '') specError(spec, 'needs layers, e.g. cnn:8c3-p2-16c3-p2:relu');
      if (extra.length > 0) specError(spec, `unexpected "${extra.join(':')}"`);
      const tokens = layers!.split('-').map((token) => cnnToken(spec, token));
      if (!tokens.some((t) => t.kind === 'conv')) specError(spec, 'needs at least one convolution, e.g. 8c3');
      return {
        family: 'cnn',
        layers: tokens,
        activation: activationOf(spec, act),
        head: head === undefined || head === '' ? [] : widths(spec, head, 'dense width'),
      };
    }
    case 'resnet-mlp': {
      const [shape, act, ...extra] = rest;
      if (extra.length > 0) specError(spec, `unexpected "${extra.join(':')}"`);
      const match = /^(\w+)x(\w+)$/.exec(shape ?? '');
      if (match === null) specError(spec, 'needs <width>x<blocks>, e.g. resnet-mlp:64x4:relu');
      return {
        family: 'resnet-mlp',
        width: positive(spec, match![1]!, 'width'),
        blocks: positive(spec, match![2]!, 'block count'),
        activation: activationOf(spec, act),
      };
    }
    default:
      throw new InputError('E_SPEC', `unknown model spec "${spec}"; ${GRAMMAR}`);
  }
}

function cnnToken(spec: string, token: string): CnnToken {
  const conv = /^(\d+)c(\d+)(?:s(\d+))?(same)?$/.exec(token);
  if (conv !== null) {
    return {
      kind: 'conv',
      filters: positive(spec, conv[1]!, 'filter count'),
      kernel: positive(spec, conv[2]!, 'kernel size'),
      stride: conv[3] === undefined ? 1 : positive(spec, conv[3], 'stride'),
      padding: conv[4] === undefined ? 'valid' : 'same',
    };
  }
  const pool = /^([pa])(\d+)$/.exec(token);
  if (pool !== null) return { kind: pool[1] === 'p' ? 'maxPool' : 'avgPool', size: positive(spec, pool[2]!, 'pool size') };
  if (token === 'bn') return { kind: 'batchNorm' };
  if (token.startsWith('d') && token.length > 1) return { kind: 'dropout', rate: rate(spec, token.slice(1)) };
  return specError(spec, `unknown cnn layer "${token}" (use <filters>c<kernel>, p<size>, a<size>, bn, d<rate>)`);
}

/**
 * Writes a parsed spec back in canonical form.
 * @example
 * formatSpec({ family: 'resnet-mlp', width: 32, blocks: 2, activation: 'tanh' }); // 'resnet-mlp:32x2:tanh'
 */
export function formatSpec(parsed: ParsedSpec): string {
  switch (parsed.family) {
    case 'linear':
      return 'linear';
    case 'mlp': {
      const options = [...(parsed.batchNorm ? ['bn'] : []), ...(parsed.dropout > 0 ? [`dropout=${parsed.dropout}`] : [])];
      return ['mlp', parsed.hidden.join('x'), parsed.activation, ...options].join(':');
    }
    case 'cnn': {
      const tokens = parsed.layers.map((t) => {
        switch (t.kind) {
          case 'conv':
            return `${t.filters}c${t.kernel}${t.stride === 1 ? '' : `s${t.stride}`}${t.padding === 'same' ? 'same' : ''}`;
          case 'maxPool':
            return `p${t.size}`;
          case 'avgPool':
            return `a${t.size}`;
          case 'batchNorm':
            return 'bn';
          case 'dropout':
            return `d${t.rate}`;
        }
      });
      return ['cnn', tokens.join('-'), parsed.activation, ...(parsed.head.length > 0 ? [parsed.head.join('x')] : [])].join(':');
    }
    case 'resnet-mlp':
      return `resnet-mlp:${parsed.width}x${parsed.blocks}:${parsed.activation}`;
  }
}

/**
 * The layer configs a parsed spec stands for, for a given input shape and output width.
 * @example
 * specLayers(parseSpec('mlp:8:tanh'), { inputShape: [2], outputs: 1 }); // dense(8, tanh), dense(1)
 */
export function specLayers(parsed: ParsedSpec, options: { inputShape: readonly number[]; outputs: number }): LayerConfig[] {
  const { inputShape, outputs } = options;
  const output: LayerConfig = { type: 'dense', units: outputs };
  const flat: LayerConfig[] = inputShape.length > 1 ? [{ type: 'flatten' }] : [];
  switch (parsed.family) {
    case 'linear':
      return [...flat, output];
    case 'mlp':
      return [
        ...flat,
        ...parsed.hidden.flatMap((units): LayerConfig[] => [
          ...(parsed.batchNorm
            ? ([
                { type: 'dense', units, useBias: false, initializer: prefersHeInit(parsed.activation) ? 'he-normal' : 'glorot-uniform' },
                { type: 'batchNorm' },
                { type: 'activation', activation: parsed.activation },
              ] satisfies LayerConfig[])
            : ([{ type: 'dense', units, activation: parsed.activation }] satisfies LayerConfig[])),
          ...(parsed.dropout > 0 ? [{ type: 'dropout', rate: parsed.dropout } as const] : []),
        ]),
        output,
      ];
    case 'cnn': {
      const prefix: LayerConfig[] = [];
      if (inputShape.length === 1) {
        const side = Math.round(Math.sqrt(inputShape[0] ?? 0));
        if (side * side !== inputShape[0]) {
          throw new InputError(
            'E_SHAPE',
            `model spec "${formatSpec(parsed)}": a cnn needs [height, width, channels] inputs or a square number of features, got [${inputShape.join(', ')}]`,
          );
        }
        prefix.push({ type: 'reshape', targetShape: [side, side, 1] });
      }
      const body = parsed.layers.map((t): LayerConfig => {
        switch (t.kind) {
          case 'conv':
            return {
              type: 'conv2d',
              filters: t.filters,
              kernelSize: t.kernel,
              strides: t.stride,
              padding: t.padding,
              activation: parsed.activation,
            };
          case 'maxPool':
            return { type: 'maxPool2d', poolSize: t.size };
          case 'avgPool':
            return { type: 'avgPool2d', poolSize: t.size };
          case 'batchNorm':
            return { type: 'batchNorm' };
          case 'dropout':
            return { type: 'dropout', rate: t.rate };
        }
      });
      const head = parsed.head.map((units): LayerConfig => ({ type: 'dense', units, activation: parsed.activation }));
      return [...prefix, ...body, { type: 'flatten' }, ...head, output];
    }
    case 'resnet-mlp':
      return [
        ...flat,
        { type: 'dense', units: parsed.width, activation: parsed.activation },
        ...Array.from(
          { length: parsed.blocks },
          (): LayerConfig => ({
            type: 'residual',
            activation: parsed.activation,
            layers: [
              { type: 'dense', units: parsed.width, activation: parsed.activation },
              { type: 'dense', units: parsed.width },
            ],
          }),
        ),
        output,
      ];
  }
}

/**
 * Creates a model from a spec for data of a given shape. Throws InputError E_SPEC for an
 * unknown or malformed spec, E_SHAPE when the spec cannot take `inputShape`.
 * @example
 * const model = createModel('mlp:64x64:relu', { inputShape: [4], outputs: 1 });
 * const theta = model.init(42);
 */
export function createModel(spec: string, options: CreateModelOptions): LosslensModel {
  const parsed = parseSpec(spec);
  if (!Number.isInteger(options.outputs) || options.outputs <= 0) {
    throw new InputError('E_SHAPE', `model spec "${spec}": outputs must be a positive integer, got ${options.outputs}`);
  }
  return sequentialModel(specLayers(parsed, options), {
    inputShape: options.inputShape,
    spec: spec.trim(),
    family: parsed.family,
    task: options.task,
  });
}
