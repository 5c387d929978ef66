import { InputError } from '@losslens/core';

/**
 * Parses a numeric flag value, throwing a one-line usage error naming the flag.
 * @example
 * program.option('--epochs <n>', 'epochs', intFlag('--epochs', { min: 1 }));
 */
export function intFlag(flag: string, range: { min?: number; max?: number } = {}) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || (range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max)) {
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
