import * as tf from '@tensorflow/tfjs-core';
import type { ParameterBlock } from '@losslens/core';

/**
 * The L2 norm of each block of a flat vector laid out as `layout`, as one `[blocks]` tensor.
 * Call inside `tf.tidy` or dispose the result.
 * @example
 * const norms = blockNorms(gradient, model.layout); // [‖g_dense_1/kernel‖, ‖g_dense_1/bias‖, …]
 */
export function blockNorms(vector: tf.Tensor1D, layout: readonly ParameterBlock[]): tf.Tensor1D {
  return tf.tidy(() => {
    if (layout.length === 0) return tf.zeros([0]) as tf.Tensor1D;
    const squares = tf.square(vector);
    const sums = layout.map((b) => tf.sum(tf.slice(squares, b.offset, b.size)));
    return tf.sqrt(tf.stack(sums)) as tf.Tensor1D;
  });
}
