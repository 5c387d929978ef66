import * as tf from '@tensorflow/tfjs-core';
import { activate, prefersHeInit } from '../activations.js';
import { isPositiveInteger, layerError, pair, type BuildSource, type Conv2DConfig, type Layer } from './layer.js';
import { axisWindow, shiftedViews } from './patches.js';

/**
 * A 2-D convolution (channels last, cross-correlation as tf.conv2d) built as im2col: the
 * kh·kw shifted views of the input are concatenated into patches `[b·oh·ow, kh·kw·c]` and
 * multiplied by the kernel reshaped to `[kh·kw·c, filters]`. Only slice, pad, concat, reshape
 * and matMul are used, so it trains and has exact Hessian-vector products on wasm too (whose
 * backend lacks Conv2DBackpropFilter). `same` padding follows TensorFlow (extra row at the end).
 * @example
 * const layer = conv2dLayer({ type: 'conv2d', filters: 8, kernelSize: 3 }, [28, 28, 1], 'conv2d_1', source);
 */
export function conv2dLayer(config: Conv2DConfig, inputShape: readonly number[], name: string, source: BuildSource): Layer {
  if (inputShape.length !== 3) {
    layerError(source, name, `Conv2D needs [height, width, channels] inputs, got [${inputShape.join(', ')}]`, 'E_SHAPE');
  }
  const [h, w, c] = inputShape as [number, number, number];
  const [kh, kw] = pair(config.kernelSize);
  const [sh, sw] = pair(config.strides ?? 1);
  if (!isPositiveInteger(config.filters)) layerError(source, name, `filters must be a positive integer, got ${config.filters}`);
  if (![kh, kw, sh, sw].every(isPositiveInteger)) layerError(source, name, 'kernel size and strides must be positive integers');
  const padding = config.padding ?? 'valid';
  const rows = axisWindow(h, kh, sh, padding);
  const cols = axisWindow(w, kw, sw, padding);
  if (rows.out < 1 || cols.out < 1) {
    layerError(source, name, `a ${kh}×${kw} kernel does not fit its ${h}×${w} input`, 'E_SHAPE');
  }
  const filters = config.filters;
  const activation = config.activation ?? 'linear';
  const useBias = config.useBias ?? true;
  const initializer = config.initializer ?? (prefersHeInit(activation) ? 'he-normal' : 'glorot-uniform');
  const fans = { fanIn: kh * kw * c, fanOut: kh * kw * filters };
  const patchSize = kh * kw * c;
  const layer: Layer = {
    name,
    className: 'Conv2D',
    config: { ...config, name, kernelSize: [kh, kw], strides: [sh, sw], padding },
    inputShape,
    outputShape: [rows.out, cols.out, filters],
    parameters: [
      { name: 'kernel', shape: [kh, kw, c, filters], initializer, fans },
      ...(useBias ? [{ name: 'bias', shape: [filters], initializer: 'zeros' as const, fans }] : []),
    ],
    state: [],
    children: [],
    forward(x, context) {
      const batch = x.shape[0] ?? 1;
      const padded =
        rows.before + rows.after + cols.before + cols.after > 0
          ? tf.pad(x as tf.Tensor4D, [[0, 0], [rows.before, rows.after], [cols.before, cols.after], [0, 0]])
          : (x as tf.Tensor4D);
      const views = shiftedViews(padded, [kh, kw], [sh, sw], [rows.out, cols.out]);
      const patches = views.length === 1 ? views[0]! : tf.concat(views, 3);
      const kernel = tf.reshape(context.parameter(layer, 'kernel'), [patchSize, filters]);
      let z: tf.Tensor = tf.matMul(tf.reshape(patches, [-1, patchSize]), kernel as tf.Tensor2D);
      if (useBias) z = tf.add(z, context.parameter(layer, 'bias'));
      return activate(activation, tf.reshape(z, [batch, rows.out, cols.out, filters]));
    },
  };
  return layer;
}
