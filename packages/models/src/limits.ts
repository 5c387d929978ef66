/**
 * Size limits every model must fit, checked when a model is built (from a spec or a
 * model.json), so an oversized model is a one-line input error instead of a RangeError or an
 * out-of-memory crash deep inside training.
 */
import { InputError, type ErrorCode } from '@losslens/core';

/**
 * The most parameters a model may have: 50 million (θ alone is 200 MB of float32; training
 * keeps θ, its gradient and up to two optimizer moments, about 1 GB).
 */
export const MAX_PARAMETERS = 50_000_000;

/**
 * The most activation values one sample may produce, summed over all layers: 16 million
 * (64 MB of float32 per sample, kept for the backward pass).
 */
export const MAX_ACTIVATIONS_PER_SAMPLE = 16_000_000;

/**
 * Throws InputError E_SPEC (or `code`) naming `label` when a model exceeds
 * {@link MAX_PARAMETERS} or {@link MAX_ACTIVATIONS_PER_SAMPLE}.
 * @example
 * assertModelSize('model spec "mlp:100000x100000"', 10_000_300_001, 200_002); // throws
 */
export function assertModelSize(
  label: string,
  parameters: number,
  activationsPerSample: number,
  code: ErrorCode = 'E_SPEC',
): void {
  if (parameters > MAX_PARAMETERS) {
    throw new InputError(
      code,
      `${label}: ${parameters.toLocaleString('en-US')} parameters is more than the limit of ${MAX_PARAMETERS.toLocaleString('en-US')}; use narrower or fewer layers`,
    );
  }
  if (activationsPerSample > MAX_ACTIVATIONS_PER_SAMPLE) {
    throw new InputError(
      code,
      `${label}: ${activationsPerSample.toLocaleString('en-US')} activation values per sample is more than the limit of ${MAX_ACTIVATIONS_PER_SAMPLE.toLocaleString('en-US')}; use fewer filters, pooling or strides`,
    );
  }
}
