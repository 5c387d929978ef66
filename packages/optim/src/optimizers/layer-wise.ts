/**
 * Per-layer (per parameter block) scaling for the layer-wise adaptive optimizers LARS and
 * LAMB: θ is one flat vector, the model's layout says where each layer's block lies.
 */
import * as tf from '@tensorflow/tfjs-core';
import { InputError, type ParameterBlock } from '@losslens/core';

/** Contiguous `[offset, size]` ranges covering `0..parameterCount`, from a layout (one block when absent). */
export function layerRanges(owner: string, layout: readonly ParameterBlock[] | undefined, parameterCount: number): [number, number][] {
  if (layout === undefined || layout.length === 0) return [[0, parameterCount]];
  const sorted = [...layout].sort((a, b) => a.offset - b.offset);
  let next = 0;
  for (const block of sorted) {
    if (block.offset !== next || block.size <= 0) {
      throw new InputError('E_SHAPE', `${owner}: layout block "${block.name}" starts at ${block.offset}, expected ${next} (blocks must tile θ without gaps)`);
    }
    next += block.size;
  }
  if (next !== parameterCount) {
    throw new InputError('E_SHAPE', `${owner}: layout covers ${next} parameters but θ has ${parameterCount}`);
  }
  return sorted.map((b) => [b.offset, b.size]);
}

/**
 * A vector of θ's length holding, on each block, `ratio(‖w_block‖, ‖u_block‖)` (scalar tensors in, scalar out).
 * Call inside `tf.tidy`.
 */
export function blockwiseScale(
  weights: tf.Tensor1D,
  update: tf.Tensor1D,
  ranges: readonly [number, number][],
  ratio: (weightNorm: tf.Scalar, updateNorm: tf.Scalar) => tf.Scalar,
): tf.Tensor1D {
  const pieces = ranges.map(([offset, size]) => {
    const wn = tf.norm(tf.slice(weights, offset, size)) as tf.Scalar;
    const un = tf.norm(tf.slice(update, offset, size)) as tf.Scalar;
    return tf.broadcastTo(tf.reshape(ratio(wn, un), [1]), [size]);
  });
  return (pieces.length === 1 ? pieces[0] : tf.concat(pieces)) as tf.Tensor1D;
}

/** `value` where both norms are positive, else 1 (the usual guard for zero-initialised biases). */
export function guardedRatio(weightNorm: tf.Scalar, updateNorm: tf.Scalar, value: tf.Scalar): tf.Scalar {
  const positive = tf.logicalAnd(tf.greater(weightNorm, 0), tf.greater(updateNorm, 0));
  return tf.where(positive, value, tf.onesLike(value));
}
