import * as tf from '@tensorflow/tfjs-core';
import { isPositiveInteger, layerError, pair, type BuildSource, type Layer, type Pool2DConfig } from './layer.js';
import { axisWindow } from './patches.js';

/** A value below any activation, used to pad max-pool windows under `same` padding. */
const LOWEST = -3.0e38;

/**
 * Max or average pooling over non-overlapping windows (strides equal to the pool size, the
 * tfjs-layers default): the input is padded or cropped to whole windows, reshaped to
 * `[b, oh, ph, ow, pw, c]`, and reduced over the window axes with tf.max / tf.sum. Max's
 * gradient (losslens's second-order-safe one) routes through an equality mask; ties share it.
 * `same` padding pads max windows with a very low value and averages only real cells (as
 * TensorFlow). Overlapping windows throw an InputError naming the layer.
 * @example
 * const layer = poolLayer({ type: 'maxPool2d', poolSize: 2 }, [4, 4, 3], 'max_pooling2d_1', source);
 */
export function poolLayer(config: Pool2DConfig, inputShape: readonly number[], name: string, source: BuildSource): Layer {
  const kind = config.type === 'maxPool2d' ? 'MaxPooling2D' : 'AveragePooling2D';
  if (inputShape.length !== 3) {
    layerError(source, name, `${kind} needs [height, width, channels] inputs, got [${inputShape.join(', ')}]`, 'E_SHAPE');
  }
  const [h, w, c] = inputShape as [number, number, number];
  const [ph, pw] = pair(config.poolSize);
  const [sh, sw] = pair(config.strides ?? config.poolSize);
  if (![ph, pw, sh, sw].every(isPositiveInteger)) layerError(source, name, 'pool size and strides must be positive integers');
  if (ph !== sh || pw !== sw) {
    layerError(
      source,
      name,
      `${kind} with pool ${ph}×${pw} and strides ${sh}×${sw} is not supported; only strides equal to the pool size`,
    );
  }
  const padding = config.padding ?? 'valid';
  const rows = axisWindow(h, ph, sh, padding);
  const cols = axisWindow(w, pw, sw, padding);
  if (rows.out < 1 || cols.out < 1) layerError(source, name, `a ${ph}×${pw} pool does not fit its ${h}×${w} input`, 'E_SHAPE');
  const [oh, ow] = [rows.out, cols.out];
  const isMax = config.type === 'maxPool2d';

  /** Pads (same) or crops (valid) to exactly oh·ph × ow·pw cells, then splits the windows. */
  const windows = (x: tf.Tensor, fill: number): tf.Tensor => {
    const batch = x.shape[0] ?? 1;
    const channels = x.shape[3] ?? c;
    let t = x;
    if (rows.before + rows.after + cols.before + cols.after > 0) {
      t = tf.pad(t as tf.Tensor4D, [[0, 0], [rows.before, rows.after], [cols.before, cols.after], [0, 0]], fill);
    }
    if (t.shape[1] !== oh * ph || t.shape[2] !== ow * pw) t = tf.slice(t, [0, 0, 0, 0], [batch, oh * ph, ow * pw, channels]);
    return tf.reshape(t, [batch, oh, ph, ow, pw, channels]);
  };

  return {
    name,
    className: kind,
    config: { ...config, name, poolSize: [ph, pw], strides: [sh, sw], padding },
    inputShape,
    outputShape: [oh, ow, c],
    parameters: [],
    state: [],
    children: [],
    forward(x) {
      if (isMax) return tf.max(windows(x, LOWEST), [2, 4]);
      const sums = tf.sum(windows(x, 0), [2, 4]);
      const padded = rows.before + rows.after + cols.before + cols.after > 0;
      if (!padded) return tf.div(sums, ph * pw);
      // Count the real (unpadded) cells in each window: pool a map of ones the same way.
      const counts = tf.sum(windows(tf.ones([1, h, w, 1]), 0), [2, 4]);
      return tf.div(sums, counts);
    },
  };
}
