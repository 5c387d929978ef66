/** Keras's `EarlyStopping` for tfjs-layers, with `restoreBestWeights` (which tfjs lacks). */
import * as tf from '@tensorflow/tfjs-core';
import { layersCallback, type CallbackBinding, type LayersCallback } from './layers-protocol.js';
import { monitorDirection, monitored, type MonitorMode } from './monitor.js';

/** Options of {@link earlyStopping}; defaults are Keras's. */
export interface EarlyStoppingOptions extends CallbackBinding {
  /** Default `val_loss`. */
  monitor?: string;
  /** An improvement must beat the best by more than this. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** Default `auto` (`max` for names containing `acc`). */
  mode?: MonitorMode;
  /** Training stops unless the monitored value beats this within `patience` epochs. */
  baseline?: number;
  /**
   * At the end of training, put back the weights of the best epoch, whether or not training
   * stopped early (Keras 3's behaviour; Keras 2 restored only when it stopped). Default false.
   */
  restoreBestWeights?: boolean;
  /** Epochs to wait before monitoring starts. Default 0. */
  startFromEpoch?: number;
  log?: (message: string) => void;
}

/** The callback, with what it did. */
export interface EarlyStopping extends LayersCallback {
  /** The epoch (0-based) training stopped at; undefined when it ran to the end. */
  readonly stoppedEpoch: number | undefined;
  /** The best epoch (0-based) and its value; undefined before the first monitored epoch. */
  readonly best: { epoch: number; value: number } | undefined;
  /** Whether the best epoch's weights were put back at the end of training. */
  readonly restored: boolean;
}

/**
 * Stops training once `monitor` has not improved for `patience` epochs, following Keras's
 * `EarlyStopping` rule by rule; with `restoreBestWeights`, the model ends with the weights of
 * its best epoch even when training was not stopped. Holds one copy of the weights.
 * @example
 * const stop = earlyStopping({ patience: 5, restoreBestWeights: true });
 * await net.fit(x, y, { epochs: 200, validationSplit: 0.2, callbacks: [stop] });
 * stop.best; // { epoch: 41, value: 0.083 }
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStopping {
  const monitor = options.monitor ?? 'val_loss';
  const patience = options.patience ?? 0;
  const direction = monitorDirection(monitor, options.mode);
  const minDelta = Math.abs(options.minDelta ?? 0);
  const startFrom = options.startFromEpoch ?? 0;
  const log = options.log ?? console.warn;
  // Keras: monitor_op(current − min_delta, reference), min_delta negated for `min`.
  const improves = (current: number, reference: number | undefined) =>
    reference === undefined || (direction === 'min' ? current + minDelta < reference : current - minDelta > reference);
  let wait = 0;
  let stoppedEpoch: number | undefined;
  let best: { epoch: number; value: number } | undefined;
  let bestWeights: tf.Tensor[] | undefined;
  let restored = false;
  const keepWeights = (model: { getWeights(): tf.Tensor[] }) => {
    tf.dispose(bestWeights);
    bestWeights = model.getWeights().map((w) => tf.keep(tf.clone(w)));
  };
  const callback = layersCallback('earlyStopping', {
    trainBegin() {
      wait = 0;
      stoppedEpoch = undefined;
      best = undefined;
      restored = false;
      tf.dispose(bestWeights);
      bestWeights = undefined;
    },
    epochEnd(model, epoch, logs) {
      const current = monitored(logs, monitor, 'earlyStopping', log);
      if (current === undefined || epoch < startFrom) return;
      if (options.restoreBestWeights && bestWeights === undefined) keepWeights(model);
      wait += 1;
      if (improves(current, best?.value)) {
        best = { epoch, value: current };
        if (options.restoreBestWeights) keepWeights(model);
        if (options.baseline === undefined || improves(current, options.baseline)) {
          wait = 0;
          return;
        }
      }
      if (wait >= patience && epoch > 0) {
        stoppedEpoch = epoch;
        model.stopTraining = true;
      }
    },
    trainEnd(model) {
      if (options.restoreBestWeights && bestWeights !== undefined) {
        model.setWeights(bestWeights);
        restored = true;
      }
      tf.dispose(bestWeights);
      bestWeights = undefined;
    },
  }, options);
  Object.defineProperties(callback, {
    stoppedEpoch: { get: () => stoppedEpoch, enumerable: true },
    best: { get: () => best, enumerable: true },
    restored: { get: () => restored, enumerable: true },
  });
  return callback as EarlyStopping;
}
