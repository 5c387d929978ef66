/**
 * A functional model from a chain of layer configs: the layout of named parameter blocks ⇄
 * one flat θ, seeded initialization, and a forward pass that slices and reshapes θ inside
 * `apply`, so any loss of `apply(θ, x)` can be differentiated twice with respect to θ.
 */
import * as tf from '@tensorflow/tfjs-core';
import { InputError, createRng, type ApplyOptions, type Model, type ParameterBlock, type Task } from '@losslens/core';
import type { ActivationName } from './activations.js';
import { initialize } from './initializers.js';
import { assertModelSize } from './limits.js';
import { buildLayers, flattenLayers } from './layers/build.js';
import { sizeOf, type BuildSource, type Layer, type LayerConfig, type LayerContext } from './layers/layer.js';

/** A losslens model: the core {@link Model} plus its layers, state and output kind. */
export interface LosslensModel extends Model {
  /** `linear`, `mlp`, `cnn`, `resnet-mlp`, `layers-model` (imported) or `sequential` (built from configs). */
  readonly family: string;
  readonly task?: Task;
  /** The built layers (top level; residual blocks hold their children). */
  readonly layers: readonly Layer[];
  /** The configs the layers were built from (names filled in). */
  readonly configs: readonly LayerConfig[];
  /** Non-trainable blocks (batch-norm moving statistics), not part of θ. */
  readonly stateLayout: readonly ParameterBlock[];
  /**
   * Stored non-trainable values by block name (`<layer>/moving_mean`). Empty for a fresh
   * model: batch norm then normalizes with batch statistics in evaluation mode too. Filled by
   * {@link loadLayersModel} and {@link calibrateBatchNorm}.
   */
  readonly state: Map<string, Float32Array>;
  /**
   * The last layer's activation. `softmax`/`sigmoid` mean `apply` returns probabilities
   * (imported tfjs-layers classifiers); spec models end `linear` (logits).
   */
  readonly outputActivation: ActivationName;
}

/** Options for {@link sequentialModel}. */
export interface SequentialOptions {
  /** Shape of one sample, e.g. `[4]` or `[28, 28, 1]`. */
  inputShape: readonly number[];
  /** The model's name in messages and summaries (default `sequential`). */
  spec?: string;
  family?: string;
  task?: Task;
  /** Where the configs came from, for error messages and codes (default: the spec, E_SPEC). */
  source?: BuildSource;
}

/** Internal options of a forward pass. */
interface ForwardOptions extends ApplyOptions {
  /** Use stored batch-norm statistics in evaluation mode (default true). */
  useState?: boolean;
  record?: LayerContext['record'];
  /** Receives each top-level layer's output (inside the forward pass's tidy; `tf.keep` to hold it). */
  output?: (layer: Layer, value: tf.Tensor) => void;
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const formatShape = (shape: readonly (number | null)[]) => `[${shape.map((d) => (d === null ? 'b' : d)).join(', ')}]`;

/**
 * Builds a model from layer configs. The output of the last layer must have one axis per
 * sample (`[b, outputs]`). Blocks are named `<layer>/<param>` (`dense_1/kernel`), in layer
 * order; each is initialized from its own stream `createRng(seed).fork(blockName)`.
 * @example
 * const model = sequentialModel([{ type: 'dense', units: 8, activation: 'tanh' }, { type: 'dense', units: 1 }], { inputShape: [2] });
 * const theta = model.init(0); // Float32Array of model.parameterCount values
 */
export function sequentialModel(configs: readonly LayerConfig[], options: SequentialOptions): LosslensModel {
  const spec = options.spec ?? 'sequential';
  const source = options.source ?? { label: `model spec "${spec}"`, code: 'E_SPEC' };
  const inputShape = [...options.inputShape];
  if (inputShape.length === 0 || !inputShape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new InputError('E_SHAPE', `${source.label}: input shape ${formatShape(inputShape)} must be positive integers`);
  }
  const layers = buildLayers(configs, inputShape, source);
  const outputShape = layers[layers.length - 1]?.outputShape ?? inputShape;
  if (outputShape.length !== 1) {
    throw new InputError(
      'E_SHAPE',
      `${source.label}: the output per sample is ${formatShape(outputShape)}; a model must end with one axis (add flatten and dense layers)`,
    );
  }
  const all = flattenLayers(layers);
  const layout: ParameterBlock[] = [];
  const stateLayout: ParameterBlock[] = [];
  const specs = new Map<string, Layer['parameters'][number]>();
  let offset = 0;
  let stateOffset = 0;
  for (const layer of all) {
    for (const p of layer.parameters) {
      const size = sizeOf(p.shape);
      const name = `${layer.name}/${p.name}`;
      layout.push({ name, shape: p.shape, offset, size });
      specs.set(name, p);
      offset += size;
    }
    for (const s of layer.state) {
      const size = sizeOf(s.shape);
      stateLayout.push({ name: `${layer.name}/${s.name}`, shape: s.shape, offset: stateOffset, size });
      stateOffset += size;
    }
  }
  const parameterCount = offset;
  assertModelSize(source.label, parameterCount, all.reduce((n, layer) => n + sizeOf(layer.outputShape), 0), source.code);
  const byName = new Map(layout.map((b) => [b.name, b]));
  const state = new Map<string, Float32Array>();

  const forward = (theta: tf.Tensor1D, x: tf.Tensor, opts: ForwardOptions): tf.Tensor => {
    if (theta.rank !== 1 || theta.shape[0] !== parameterCount) {
      throw new InputError(
        'E_SHAPE',
        `${source.label}: θ has shape ${formatShape(theta.shape)}, the model has ${parameterCount} parameters`,
      );
    }
    if (!same(x.shape.slice(1), inputShape)) {
      throw new InputError(
        'E_SHAPE',
        `${source.label}: expects inputs of shape ${formatShape([null, ...inputShape])}, got ${formatShape(x.shape)}`,
      );
    }
    return tf.tidy(() => {
      const blocks = new Map<string, tf.Tensor>();
      const context: LayerContext = {
        training: opts.training ?? false,
        seed: opts.seed ?? 0,
        parameter(layer, name) {
          const key = `${layer.name}/${name}`;
          let t = blocks.get(key);
          if (t === undefined) {
            const block = byName.get(key);
            if (block === undefined) throw new Error(`internal: no parameter block ${key}`);
            t = tf.reshape(tf.slice(theta, block.offset, block.size), [...block.shape]);
            blocks.set(key, t);
          }
          return t;
        },
        state(layer, name) {
          if (opts.useState === false) return undefined;
          const values = state.get(`${layer.name}/${name}`);
          return values === undefined ? undefined : tf.tensor(values);
        },
        record: opts.record,
      };
      let h = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
      for (const layer of layers) {
        h = layer.forward(h, context);
        opts.output?.(layer, h);
      }
      return h;
    });
  };

  const model: LosslensModel & { forward: typeof forward } = {
    spec,
    family: options.family ?? 'sequential',
    task: options.task,
    inputShape,
    outputs: outputShape[0] ?? 1,
    layout,
    parameterCount,
    layers,
    configs: layers.map((l) => l.config),
    stateLayout,
    state,
    outputActivation: outputActivationOf(layers),
    init(seed: number): Float32Array {
      const theta = new Float32Array(parameterCount);
      const root = createRng(seed);
      for (const block of layout) {
        const p = specs.get(block.name);
        if (p === undefined) continue;
        theta.set(initialize(p.initializer, block.size, p.fans, root.fork(block.name)), block.offset);
      }
      return theta;
    },
    apply(theta: tf.Tensor1D, x: tf.Tensor, applyOptions: ApplyOptions = {}): tf.Tensor {
      return forward(theta, x, applyOptions);
    },
    forward,
  };
  return model;
}

/**
 * Sets the batch-norm moving statistics of `model` to the batch statistics each layer sees
 * on `x` in evaluation mode (dropout off), layer by layer. After this, evaluation mode uses
 * these stored values (as tfjs-layers' predict uses its moving averages). Does nothing for
 * models without batch norm. `x` should be representative, e.g. the training features.
 * @example
 * calibrateBatchNorm(model, theta, trainX);
 */
export function calibrateBatchNorm(model: LosslensModel, theta: tf.Tensor1D, x: tf.Tensor): void {
  if (model.stateLayout.length === 0) return;
  const forward = (model as Partial<{ forward: (t: tf.Tensor1D, x: tf.Tensor, o: ForwardOptions) => tf.Tensor }>).forward;
  if (forward === undefined) throw new Error('calibrateBatchNorm needs a model built by @losslens/models');
  const found = new Map<string, Float32Array>();
  tf.tidy(() => {
    forward(theta, x, {
      training: false,
      useState: false,
      record: (layer, name, value) => void found.set(`${layer.name}/${name}`, Float32Array.from(value.dataSync())),
    });
  });
  for (const [key, values] of found) model.state.set(key, values);
}

/** One top-level layer's output on a batch, as {@link layerOutputs} returns it. */
export interface LayerOutput {
  /** The layer's name (`dense_1`). */
  readonly layer: string;
  /** The activation the layer ends with (`linear` for layers without one, e.g. pooling). */
  readonly activation: ActivationName;
  /** `[b, ...outputShape]`, after the activation; the caller disposes it. */
  readonly output: tf.Tensor;
}

/**
 * The output of every top-level layer of `model` at `theta` on `x`, in evaluation mode (dropout
 * off), after each layer's activation: what activation statistics (dead ReLUs, saturated tanh
 * units) are computed from. The caller disposes the returned tensors.
 * @example
 * const outputs = layerOutputs(model, theta, x);
 * outputs.map((o) => `${o.layer}: ${o.activation}`);
 * tf.dispose(outputs.map((o) => o.output));
 */
export function layerOutputs(model: LosslensModel, theta: tf.Tensor1D, x: tf.Tensor): LayerOutput[] {
  const forward = (model as Partial<{ forward: (t: tf.Tensor1D, x: tf.Tensor, o: ForwardOptions) => tf.Tensor }>).forward;
  if (forward === undefined) throw new Error('layerOutputs needs a model built by @losslens/models');
  const found: LayerOutput[] = [];
  tf.tidy(() => {
    forward(theta, x, {
      training: false,
      output: (layer, value) => void found.push({ layer: layer.name, activation: activationOf(layer.config), output: tf.keep(value) }),
    });
  });
  return found;
}

/** The activation a layer config ends with. */
function activationOf(config: LayerConfig): ActivationName {
  if (config.type === 'activation') return config.activation;
  if (config.type === 'dense' || config.type === 'conv2d' || config.type === 'residual') return config.activation ?? 'linear';
  return 'linear';
}

/** The activation that produces the model's outputs (skipping dropout, flatten and reshape). */
function outputActivationOf(layers: readonly Layer[]): ActivationName {
  for (let i = layers.length - 1; i >= 0; i--) {
    const config = layers[i]?.config;
    if (config === undefined) break;
    if (config.type === 'dropout' || config.type === 'flatten' || config.type === 'reshape') continue;
    return activationOf(config);
  }
  return 'linear';
}
