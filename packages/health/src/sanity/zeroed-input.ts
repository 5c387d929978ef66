import { briefFit, constantBaseline, zeroedInputs, type SanityOptions } from './brief-fit.js';

/** Options of {@link zeroedInputBaseline}. */
export interface ZeroedInputOptions extends SanityOptions {
  /** Passes when the real-input loss is below (1 − margin) × the zeroed-input loss. Default 0.05. */
  margin?: number;
}

/** What {@link zeroedInputBaseline} measured (validation losses when there is validation data, else training losses). */
export interface ZeroedInputResult {
  check: 'zeroed-input-baseline';
  passed: boolean;
  on: 'validation' | 'train';
  /** Loss of the model trained on the real inputs. */
  realLoss: number;
  /** Loss of the same model, same seed, trained and evaluated on zeroed inputs. */
  zeroedLoss: number;
  /** The constant predictor's loss (what the zeroed model can reach at best). */
  constantLoss: number;
  /** realLoss / zeroedLoss, compared with `threshold` = 1 − margin. */
  ratio: number;
  threshold: number;
  finding: string;
}

/**
 * Input-independent baseline: trains the model on the real inputs and, with the same seed, on
 * inputs set to zero; the real inputs must give a clearly lower loss, or the model is not
 * using its inputs (a data pipeline bug, or inputs that carry no signal).
 * @example
 * const check = await zeroedInputBaseline({ model, train, validation });
 */
export async function zeroedInputBaseline(options: ZeroedInputOptions): Promise<ZeroedInputResult> {
  const margin = options.margin ?? 0.05;
  const threshold = 1 - margin;
  const { train, validation } = options;
  const real = await briefFit(options, train, validation);
  const zeroed = await briefFit(options, zeroedInputs(train), validation === undefined ? undefined : zeroedInputs(validation));
  const on = validation === undefined ? 'train' : 'validation';
  const pick = (r: typeof real) => (validation === undefined ? r.final?.train.loss : r.final?.validation?.loss) ?? Number.NaN;
  const realLoss = pick(real);
  const zeroedLoss = pick(zeroed);
  const ratio = realLoss / zeroedLoss;
  const passed = Number.isFinite(ratio) && ratio < threshold;
  return {
    check: 'zeroed-input-baseline',
    passed,
    on,
    realLoss,
    zeroedLoss,
    constantLoss: constantBaseline(train, validation ?? train),
    ratio,
    threshold,
    finding: passed
      ? `real inputs beat zeroed inputs: ${on} loss ${realLoss.toPrecision(3)} vs ${zeroedLoss.toPrecision(3)} (ratio ${ratio.toPrecision(3)} < ${threshold})`
      : `the model does no better with its inputs than with zeros: ${on} loss ${realLoss.toPrecision(3)} vs ${zeroedLoss.toPrecision(3)} (ratio ${ratio.toPrecision(3)} ≥ ${threshold}): check the input pipeline`,
  };
}
