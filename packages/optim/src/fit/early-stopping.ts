import { InputError } from '@losslens/core';
import { numberOption, rejectUnknownOptions } from '../optimizers/options.js';

/** A per-epoch quantity early stopping can watch. */
export type Monitor = 'validationLoss' | 'trainLoss' | 'validationAccuracy' | 'trainAccuracy';

/** Options of early stopping (Keras `EarlyStopping` semantics, other defaults). */
export interface EarlyStoppingOptions {
  /** Default `validationLoss` when there is validation data, else `trainLoss`. */
  monitor?: Monitor;
  /** An epoch improves when it beats the best by more than this. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 5. */
  patience?: number;
  /** Return the θ of the best epoch (also when training completes). Default true. */
  restoreBestWeights?: boolean;
}

/** The decision after one epoch. */
export interface EarlyStoppingStep {
  improved: boolean;
  stop: boolean;
}

/** Tracks the monitored value across epochs; see {@link createEarlyStopping}. */
export interface EarlyStopping {
  readonly monitor: Monitor;
  readonly restoreBestWeights: boolean;
  /** Best value so far (Infinity/−Infinity before the first epoch). */
  readonly best: number;
  /** The 1-based epoch of the best value (0 before the first). */
  readonly bestEpoch: number;
  /** Feeds the value of `epoch` (1-based); non-finite values never improve. */
  update(epoch: number, value: number): EarlyStoppingStep;
}

/**
 * Keras's early-stopping rule: an epoch improves when `value < best − minDelta` (losses) or
 * `value > best + minDelta` (accuracies); after `patience` epochs in a row without improvement, stop.
 * @example
 * const es = createEarlyStopping({ patience: 2 }, true);
 * es.update(1, 0.5); es.update(2, 0.6); es.update(3, 0.7).stop; // true
 */
export function createEarlyStopping(options: EarlyStoppingOptions, hasValidation: boolean): EarlyStopping {
  rejectUnknownOptions('earlyStopping', options, ['monitor', 'minDelta', 'patience', 'restoreBestWeights']);
  const monitor = options.monitor ?? (hasValidation ? 'validationLoss' : 'trainLoss');
  if (!['validationLoss', 'trainLoss', 'validationAccuracy', 'trainAccuracy'].includes(monitor)) {
    throw new InputError('E_VALUE', `earlyStopping: unknown monitor "${monitor}"; choose validationLoss, trainLoss, validationAccuracy or trainAccuracy`);
  }
  if (monitor.startsWith('validation') && !hasValidation) {
    throw new InputError('E_VALUE', `earlyStopping: monitor "${monitor}" needs validation data`);
  }
  const minDelta = Math.abs(numberOption('earlyStopping', 'minDelta', options.minDelta, 0));
  const patience = numberOption('earlyStopping', 'patience', options.patience, 5, { min: 0, integer: true });
  const maximize = monitor.endsWith('Accuracy');
  let best = maximize ? -Infinity : Infinity;
  let bestEpoch = 0;
  let wait = 0;
  return {
    monitor,
    restoreBestWeights: options.restoreBestWeights ?? true,
    get best() {
      return best;
    },
    get bestEpoch() {
      return bestEpoch;
    },
    update(epoch, value) {
      const improved = Number.isFinite(value) && (maximize ? value > best + minDelta : value < best - minDelta);
      if (improved) {
        best = value;
        bestEpoch = epoch;
        wait = 0;
      } else {
        wait += 1;
      }
      return { improved, stop: !improved && wait >= patience };
    },
  };
}
