/**
 * Helpers the training experiments share: relaying `fit` progress to the page with a run
 * label, and reading a model's predictions on a grid of inputs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createEventChannel } from '@losslens/core';
import type { EventChannel, Model } from '@losslens/core';

/**
 * A channel for one `fit` call that forwards its progress to `target` as
 * `{ task: label, done: offset + epoch, total }`, so several runs fill one progress bar.
 * @example
 * const events = relayProgress(context.events, 'linear', 0, 2 * epochs);
 */
export function relayProgress(target: EventChannel, label: string, offset: number, total: number): EventChannel {
  const channel = createEventChannel();
  channel.on((event) => {
    if (event.type !== 'progress') return;
    target.emit({ type: 'progress', task: label, done: offset + event.done, total, ...(event.message === undefined ? {} : { message: event.message }) });
  });
  return channel;
}

/** Thrown when a run is cancelled; the page shows "cancelled", not an error. */
export class RunCancelled extends Error {
  override name = 'RunCancelled';
  constructor() {
    super('cancelled');
  }
}

/**
 * Throws {@link RunCancelled} once `signal` has fired (fit itself returns early, stopped, on abort).
 * @example
 * const result = await lens.fit({ ...options, signal });
 * throwIfStopped(signal);
 */
export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new RunCancelled();
}

/**
 * `{ signal }` of a context when it has one, to spread into options.
 * @example
 * await measureDepth(context.lens, { ...signalOf(context) });
 */
export function signalOf(context: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return context.signal === undefined ? {} : { signal: context.signal };
}

/**
 * The model's first output at each 1-D input, read back asynchronously (GPU backends stay unblocked).
 * @example
 * const ys = await predictCurve(model, theta, [-1, 0, 1]);
 */
export async function predictCurve(model: Model, theta: Float32Array, xs: readonly number[]): Promise<number[]> {
  const outputs = tf.tidy(() => {
    const prediction = model.apply(tf.tensor1d(theta), tf.tensor2d(xs as number[], [xs.length, 1]));
    return tf.reshape(tf.slice(prediction, [0, 0], [xs.length, 1]), [xs.length]);
  });
  const values = Array.from((await outputs.data()) as Float32Array);
  outputs.dispose();
  return values;
}

/** `count` evenly spaced numbers from `low` to `high` inclusive. */
export function linspace(low: number, high: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (count === 1 ? low : low + ((high - low) * i) / (count - 1)));
}
