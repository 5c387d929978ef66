/**
 * Tensor bookkeeping shared by the optimizers: state tensors survive the caller's
 * `tf.tidy` (they are kept) and are disposed when replaced or when the optimizer is.
 */
import * as tf from '@tensorflow/tfjs-core';

/** A named set of state tensors (moments, accumulators) owned by one optimizer. */
export class OptimizerState {
  private readonly tensors = new Map<string, tf.Tensor>();

  /** The tensor under `key`, or `undefined` before the first step. */
  get(key: string): tf.Tensor1D | undefined {
    return this.tensors.get(key) as tf.Tensor1D | undefined;
  }

  /** Stores `value` under `key` (kept past any enclosing tidy) and disposes the previous one. */
  set(key: string, value: tf.Tensor): void {
    const previous = this.tensors.get(key);
    this.tensors.set(key, tf.keep(value));
    if (previous !== undefined && previous !== value) previous.dispose();
  }

  /** Disposes every state tensor. */
  dispose(): void {
    for (const t of this.tensors.values()) t.dispose();
    this.tensors.clear();
  }
}
