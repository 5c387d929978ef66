/** Keras's `TerminateOnNaN` for tfjs-layers. */
import { layersCallback, type CallbackBinding, type LayersCallback } from './layers-protocol.js';

/** What {@link terminateOnNaN} saw. */
export interface TerminateOnNaN extends LayersCallback {
  /** The batch (0-based, within its epoch) and epoch whose loss was NaN or ±Inf, if any. */
  readonly stopped: { epoch: number; batch: number; loss: number } | undefined;
}

/**
 * Stops training at the end of the first batch whose `loss` is NaN or ±Inf, as Keras's
 * `TerminateOnNaN` does (`model.stopTraining = true`; tfjs ends the epoch there).
 * @example
 * await net.fit(x, y, { epochs: 50, callbacks: [terminateOnNaN()] });
 */
export function terminateOnNaN(options: CallbackBinding & { log?: (message: string) => void } = {}): TerminateOnNaN {
  let epoch = 0;
  let stopped: TerminateOnNaN['stopped'];
  const callback = layersCallback('terminateOnNaN', {
    trainBegin() {
      stopped = undefined;
    },
    epochBegin(_model, e) {
      epoch = e;
    },
    batchEnd(model, batch, logs) {
      const loss = logs.loss;
      if (loss === undefined || Number.isFinite(loss)) return;
      stopped = { epoch, batch, loss };
      (options.log ?? console.warn)(`terminateOnNaN: batch ${batch} of epoch ${epoch}: invalid loss ${loss}, terminating training`);
      model.stopTraining = true;
    },
  }, options);
  return Object.defineProperty(callback, 'stopped', { get: () => stopped, enumerable: true }) as TerminateOnNaN;
}
