/**
 * Reads and checks optimizer and schedule hyperparameters, so a bad value fails with one
 * line naming the optimizer, the option and the value.
 */
import { InputError } from '@losslens/core';

/** Bounds a numeric option must satisfy. */
export interface NumberBounds {
  min?: number;
  /** Exclusive upper bound. */
  below?: number;
  /** Exclusive lower bound. */
  above?: number;
  integer?: boolean;
}

/**
 * Returns `value ?? fallback` after checking it is a finite number within `bounds`;
 * throws `InputError(E_VALUE)` naming `owner` and `key` otherwise.
 * @example
 * const beta1 = numberOption('adam', 'beta1', config.beta1, 0.9, { min: 0, below: 1 });
 */
export function numberOption(owner: string, key: string, value: unknown, fallback: number, bounds: NumberBounds = {}): number {
  const n = value === undefined ? fallback : value;
  const fail = (why: string): never => {
    throw new InputError('E_VALUE', `${owner}: option "${key}" ${why}, got ${JSON.stringify(n) ?? String(n)}`);
  };
  if (typeof n !== 'number' || !Number.isFinite(n)) return fail('must be a finite number');
  if (bounds.integer === true && !Number.isInteger(n)) fail('must be an integer');
  if (bounds.min !== undefined && n < bounds.min) fail(`must be >= ${bounds.min}`);
  if (bounds.above !== undefined && n <= bounds.above) fail(`must be > ${bounds.above}`);
  if (bounds.below !== undefined && n >= bounds.below) fail(`must be < ${bounds.below}`);
  return n;
}

/**
 * Throws `InputError(E_VALUE)` when `config` has a key outside `known` (catches typos such as `beta_1`).
 * @example
 * rejectUnknownOptions('adam', config, ['beta1', 'beta2', 'epsilon', 'weightDecay']);
 */
export function rejectUnknownOptions(owner: string, config: object, known: readonly string[]): void {
  for (const key of Object.keys(config)) {
    if (!known.includes(key)) {
      throw new InputError('E_VALUE', `${owner}: unknown option "${key}"; known options: ${known.join(', ') || 'none'}`);
    }
  }
}
