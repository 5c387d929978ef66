/**
 * The layer contract inside a functional model: a layer declares the parameter blocks it
 * needs (which the model packs into θ) and computes its output from them. It never owns
 * tensors between calls.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { InputError, type ErrorCode } from '@losslens/core';
import type { ActivationName } from '../activations.js';
import type { Fans, InitializerName } from '../initializers.js';

/** A pair for 2-D sizes: `[rows, columns]`; a single number means both. */
export type Size2D = number | readonly [number, number];

/** Padding as in tfjs-layers: `valid` (no padding) or `same` (output size ⌈input/stride⌉). */
export type Padding = 'valid' | 'same';

/** A fully connected layer over the last axis: `act(x·kernel + bias)`. */
export interface DenseConfig {
  type: 'dense';
  units: number;
  activation?: ActivationName;
  useBias?: boolean;
  initializer?: InitializerName;
  name?: string;
}
/** A 2-D convolution over `[h, w, c]` inputs (channels last), kernel `[kh, kw, c, filters]`. */
export interface Conv2DConfig {
  type: 'conv2d';
  filters: number;
  kernelSize: Size2D;
  strides?: Size2D;
  padding?: Padding;
  activation?: ActivationName;
  useBias?: boolean;
  initializer?: InitializerName;
  name?: string;
}
/** Max or average pooling; only non-overlapping windows (strides = pool size) are supported. */
export interface Pool2DConfig {
  type: 'maxPool2d' | 'avgPool2d';
  poolSize: Size2D;
  strides?: Size2D;
  padding?: Padding;
  name?: string;
}
/** Flattens `[b, ...]` to `[b, n]`. */
export interface FlattenConfig {
  type: 'flatten';
  name?: string;
}
/** Reshapes one sample to `targetShape`. */
export interface ReshapeConfig {
  type: 'reshape';
  targetShape: readonly number[];
  name?: string;
}
/** Inverted dropout: in training mode zeroes a fraction `rate` and scales the rest by 1/(1−rate). */
export interface DropoutConfig {
  type: 'dropout';
  rate: number;
  name?: string;
}
/** Batch normalization over the last axis (channels last), with optional scale γ and shift β. */
export interface BatchNormConfig {
  type: 'batchNorm';
  /** The normalized axis counting the batch axis; only the last (−1 or rank) is supported. */
  axis?: number;
  epsilon?: number;
  momentum?: number;
  center?: boolean;
  scale?: boolean;
  name?: string;
}
/** An activation on its own. */
export interface ActivationConfig {
  type: 'activation';
  activation: ActivationName;
  name?: string;
}
/** A residual block: `act(x + body(x))`; the body must keep the shape of its input. */
export interface ResidualConfig {
  type: 'residual';
  layers: readonly LayerConfig[];
  activation?: ActivationName;
  name?: string;
}

/** A layer, described as plain data (what specs and model.json files turn into). */
export type LayerConfig =
  | DenseConfig
  | Conv2DConfig
  | Pool2DConfig
  | FlattenConfig
  | ReshapeConfig
  | DropoutConfig
  | BatchNormConfig
  | ActivationConfig
  | ResidualConfig;

/** A trainable parameter block a layer needs, named locally (`kernel`, `bias`, `gamma`, `beta`). */
export interface ParameterSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly initializer: InitializerName;
  readonly fans: Fans;
}

/** A non-trainable block (batch-norm moving statistics), with the value it starts from. */
export interface StateSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly initial: number;
}

/** What a layer's forward pass can read. */
export interface LayerContext {
  readonly training: boolean;
  readonly seed: number;
  /** A trainable block of `layer`, sliced from θ and reshaped. */
  parameter(layer: Layer, name: string): tf.Tensor;
  /** A stored non-trainable block of `layer`, or undefined when the model stores none. */
  state(layer: Layer, name: string): tf.Tensor | undefined;
  /** Receives statistics a layer computed from the batch (used to calibrate batch norm). */
  record?(layer: Layer, name: string, value: tf.Tensor): void;
}

/** A built layer: shapes known, parameters declared. Shapes exclude the batch axis. */
export interface Layer {
  /** Unique within the model; nested layers are `block/child`. */
  readonly name: string;
  /** The tfjs-layers class this corresponds to (`Dense`, `Conv2D`, …). */
  readonly className: string;
  readonly config: LayerConfig;
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[];
  readonly parameters: readonly ParameterSpec[];
  readonly state: readonly StateSpec[];
  /** Sub-layers (residual blocks); their parameters are listed by the children, not here. */
  readonly children: readonly Layer[];
  forward(x: tf.Tensor, context: LayerContext): tf.Tensor;
}

/** Where a model description came from, so build errors name it and carry the right code. */
export interface BuildSource {
  /** `model spec "mlp:…"` or a model.json path. */
  readonly label: string;
  /** The code for a description that cannot be built (E_SPEC for specs, E_MODEL_FORMAT for files). */
  readonly code: ErrorCode;
}

/** Throws a one-line InputError about layer `name` of `source`. */
export function layerError(source: BuildSource, name: string, message: string, code: ErrorCode = source.code): never {
  throw new InputError(code, `${source.label}: layer ${name}: ${message}`);
}

/** `[rows, columns]` from a {@link Size2D}. */
export function pair(size: Size2D): [number, number] {
  return typeof size === 'number' ? [size, size] : [size[0], size[1]];
}

/** Product of a shape's sizes (1 for a scalar shape). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Checks that a size is a positive integer. */
export function isPositiveInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}
