/** Keras's `ReduceLROnPlateau` for tfjs-layers. */
import { layersCallback, type CallbackBinding, type LayersCallback } from './layers-protocol.js';
import { learningRateOf, setLearningRate } from './learning-rate.js';
import { monitorDirection, monitored, type MonitorMode } from './monitor.js';

/** Options of {@link reduceLROnPlateau}; defaults are Keras's. */
export interface ReduceLROnPlateauOptions extends CallbackBinding {
  /** Default `val_loss`. */
  monitor?: string;
  /** New rate = rate × factor; must be < 1. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before the rate drops. Default 10. */
  patience?: number;
  /** Default `auto` (`max` for names containing `acc`). */
  mode?: MonitorMode;
  /** An improvement must beat the best by more than this. Default 1e-4. */
  minDelta?: number;
  /** Epochs after a drop during which waiting is paused. Default 0. */
  cooldown?: number;
  /** The rate never drops below this. Default 0. */
  minLr?: number;
  log?: (message: string) => void;
}

/** The callback, with what it did. */
export interface ReduceLROnPlateau extends LayersCallback {
  /** Each drop: the epoch (0-based) and the new rate. */
  readonly reductions: readonly { epoch: number; learningRate: number }[];
}

/**
 * Multiplies the optimizer's learning rate by `factor` once `monitor` has not improved for
 * `patience` epochs, with Keras's rules: an improvement beats the best by more than `minDelta`;
 * after a drop, `cooldown` epochs reset the wait; the rate stops at `minLr`.
 * @example
 * await net.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [reduceLROnPlateau({ patience: 5, factor: 0.5 })] });
 */
export function reduceLROnPlateau(options: ReduceLROnPlateauOptions = {}): ReduceLROnPlateau {
  const monitor = options.monitor ?? 'val_loss';
  const factor = options.factor ?? 0.1;
  if (!(factor < 1)) throw new RangeError(`reduceLROnPlateau: factor must be < 1 (it multiplies the rate), got ${factor}`);
  const patience = options.patience ?? 10;
  const minDelta = Math.abs(options.minDelta ?? 1e-4);
  const cooldown = options.cooldown ?? 0;
  const minLr = options.minLr ?? 0;
  const direction = monitorDirection(monitor, options.mode);
  const better = (a: number, b: number) => (direction === 'min' ? a < b - minDelta : a > b + minDelta);
  const log = options.log ?? console.warn;
  let best = Number.NaN;
  let wait = 0;
  let cooldownCounter = 0;
  const reductions: { epoch: number; learningRate: number }[] = [];
  const callback = layersCallback('reduceLROnPlateau', {
    trainBegin() {
      best = direction === 'min' ? Infinity : -Infinity;
      wait = 0;
      cooldownCounter = 0;
      reductions.length = 0;
    },
    epochEnd(model, epoch, logs) {
      const current = monitored(logs, monitor, 'reduceLROnPlateau', log);
      if (current === undefined) return;
      if (cooldownCounter > 0) {
        cooldownCounter -= 1;
        wait = 0;
      }
      if (better(current, best)) {
        best = current;
        wait = 0;
      } else if (cooldownCounter === 0) {
        wait += 1;
        if (wait >= patience) {
          const old = learningRateOf(model.optimizer);
          if (old > Math.fround(minLr)) {
            const next = Math.max(old * factor, minLr);
            setLearningRate(model.optimizer, next);
            reductions.push({ epoch, learningRate: next });
            cooldownCounter = cooldown;
            wait = 0;
          }
        }
      }
    },
  }, options);
  return Object.defineProperty(callback, 'reductions', { get: () => reductions, enumerable: true }) as ReduceLROnPlateau;
}
