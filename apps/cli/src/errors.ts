import { InputError } from '@losslens/core';

/**
 * Parses a numeric flag value, throwing a one-line usage error naming the flag.
 * @example
 * program.option('--epochs <n>', 'epochs', intFlag('--epochs', { min: 1 }));
 */
export function intFlag(flag: string, range: { min?: number; max?: number } = {}) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || (range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max)) {
      const bounds = [range.min !== undefined ? `>= ${range.min}` : '', range.max !== undefined ? `<= ${range.max}` : '']
        .filter(Boolean)
        .join(' and ');
      throw new InputError('E_USAGE', `expected an integer${bounds ? ` ${bounds}` : ''}, got "${value}"`, { flag });
    }
    return n;
  };
}

/**
 * Parses a positive finite number flag.
 * @example
 * program.option('--lr <x>', 'learning rate', numberFlag('--lr'));
 */
export function numberFlag(flag: string, range: { min?: number; exclusiveMin?: number } = { exclusiveMin: 0 }) {
  return (value: string): number => {
    const n = Number(value);
    const ok =
      value.trim() !== '' &&
      Number.isFinite(n) &&
      (range.min === undefined || n >= range.min) &&
      (range.exclusiveMin === undefined || n > range.exclusiveMin);
    if (!ok) throw new InputError('E_USAGE', `expected a number${range.exclusiveMin !== undefined ? ` > ${range.exclusiveMin}` : ''}, got "${value}"`, { flag });
    return n;
  };
}

/**
 * Checks a flag against a fixed set of choices.
 * @example
 * program.option('--task <t>', 'task', choiceFlag('--task', ['regression', 'classification']));
 */
export function choiceFlag<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InputError('E_USAGE', `expected one of ${choices.join(', ')}, got "${value}"`, { flag });
    }
    return value as T;
  };
}

/** Seeds are 32-bit unsigned integers: 0 ≤ seed < SEED_LIMIT (2³²), in every command. */
export const SEED_LIMIT = 2 ** 32;

/**
 * Parses a seed flag: a decimal integer in [0, 2³²). Anything else (negative, fractional,
 * 2³² or more, hex, exponent notation, empty) is a one-line usage error naming the flag,
 * never silently wrapped.
 * @example
 * program.option('--seed <n>', 'seed', seedFlag(), 0);
 */
export function seedFlag(flag = '--seed') {
  return (value: string): number => {
    const text = value.trim();
    if (!/^\d+$/.test(text) || Number(text) >= SEED_LIMIT) {
      throw new InputError('E_USAGE', `expected an integer in [0, 2^32) (0 … ${SEED_LIMIT - 1}), got "${value}"`, { flag });
    }
    return Number(text);
  };
}
