/**
 * Window extraction from slices and reshapes only (no Conv2D, pool or strided-slice kernels),
 * so every layer built on it has first and second derivatives on every backend, wasm included.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Output size and padding (before, after) of one spatial axis, with TensorFlow's rules. */
export interface AxisWindow {
  out: number;
  before: number;
  after: number;
}

/**
 * Output size and padding along one axis: `valid` → ⌊(n − k)/s⌋ + 1, no padding; `same` →
 * ⌈n/s⌉ with total padding max((out − 1)·s + k − n, 0), the smaller half before.
 * @example
 * axisWindow(5, 3, 2, 'same'); // { out: 3, before: 1, after: 1 }
 */
export function axisWindow(size: number, kernel: number, stride: number, padding: 'valid' | 'same'): AxisWindow {
  if (padding === 'valid') return { out: Math.floor((size - kernel) / stride) + 1, before: 0, after: 0 };
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/**
 * The `kh × kw` shifted views of a padded `[b, h, w, c]` input: view (i, j) holds
 * `x[:, i + s·r, j + t·q, :]` for r < outH, q < outW, shape `[b, outH, outW, c]`.
 * Strides are taken by a reshape: a block of `s·outH` rows becomes `[outH, s]` and index 0 is kept.
 * @example
 * const views = shiftedViews(x, [3, 3], [1, 1], [4, 4]); // 9 tensors [b, 4, 4, c]
 */
export function shiftedViews(
  x: tf.Tensor4D,
  kernel: readonly [number, number],
  strides: readonly [number, number],
  out: readonly [number, number],
): tf.Tensor4D[] {
  const [b, , , c] = x.shape;
  const [kh, kw] = kernel;
  const [sh, sw] = strides;
  const [oh, ow] = out;
  // Room for s·out rows from every offset i < k: pad (s − 1) rows/columns at the end when needed.
  const needH = kh - 1 + sh * oh;
  const needW = kw - 1 + sw * ow;
  const extraH = Math.max(0, needH - x.shape[1]);
  const extraW = Math.max(0, needW - x.shape[2]);
  const source = extraH > 0 || extraW > 0 ? tf.pad(x, [[0, 0], [0, extraH], [0, extraW], [0, 0]]) : x;
  const views: tf.Tensor4D[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      if (sh === 1 && sw === 1) {
        views.push(tf.slice(source, [0, i, j, 0], [b, oh, ow, c]));
        continue;
      }
      const block = tf.slice(source, [0, i, j, 0], [b, sh * oh, sw * ow, c]);
      const split = tf.reshape(block, [b, oh, sh, ow, sw, c]);
      views.push(tf.reshape(tf.slice(split, [0, 0, 0, 0, 0, 0], [b, oh, 1, ow, 1, c]), [b, oh, ow, c]));
    }
  }
  return views;
}
