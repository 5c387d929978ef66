import { describe, expect, it } from 'vitest';
import { formatNumber } from './experiment.js';

describe('formatNumber', () => {
  it('rounds to fixed decimals with an ASCII minus and no negative zero', () => {
    expect(formatNumber(-2)).toBe('-2.000');
    expect(formatNumber(0.7071067, 2)).toBe('0.71');
    expect(formatNumber(-0.0001)).toBe('0.000');
    expect(formatNumber(-0)).toBe('0.000');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
});
