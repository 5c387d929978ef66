import { InputError } from '@losslens/core';
import type { Tensor } from '@tensorflow/tfjs-core';

/** Reads a numeric augmentation option, checking it lies in [min, max]. */
export function numberOption(augmentation: string, name: string, value: unknown, fallback: number, min: number, max = Infinity): number {
  const v = value === undefined ? fallback : value;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    const range = max === Infinity ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new InputError('E_USAGE', `${augmentation}: ${name} must be a number ${range}, got ${String(v)}`);
  }
  return v;
}

/** Checks that a batch holds images `[b, height, width, channels]`. */
export function requireImages(augmentation: string, x: Tensor): [number, number, number, number] {
  if (x.rank !== 4) {
    throw new InputError(
      'E_SHAPE',
      `${augmentation} needs image batches [batch, height, width, channels]; got shape [${x.shape.join(', ')}] (for tables use tabular noise)`,
    );
  }
  return x.shape as [number, number, number, number];
}
