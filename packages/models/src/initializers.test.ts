import { describe, expect, it } from 'vitest';
import { createRng } from '@losslens/core';
import { initialize } from './initializers.js';

const moments = (a: Float32Array) => {
  let mean = 0;
  for (const v of a) mean += v / a.length;
  let variance = 0;
  for (const v of a) variance += (v - mean) ** 2 / a.length;
  return { mean, variance };
};

describe('initialize', () => {
  it('Glorot uniform stays inside ±√(6/(in+out)) with variance 2/(in+out)', () => {
    const w = initialize('glorot-uniform', 20_000, { fanIn: 30, fanOut: 20 }, createRng(1));
    const limit = Math.sqrt(6 / 50);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(limit);
    const { mean, variance } = moments(w);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance / (2 / 50)).toBeGreaterThan(0.95);
    expect(variance / (2 / 50)).toBeLessThan(1.05);
  });
  it('He normal has variance 2/fanIn', () => {
    const w = initialize('he-normal', 20_000, { fanIn: 8, fanOut: 100 }, createRng(2));
    const { mean, variance } = moments(w);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance / 0.25).toBeGreaterThan(0.95);
    expect(variance / 0.25).toBeLessThan(1.05);
  });
  it('is deterministic per seed and differs across seeds; constants are constant', () => {
    const a = initialize('he-normal', 5, { fanIn: 2, fanOut: 2 }, createRng(7));
    const b = initialize('he-normal', 5, { fanIn: 2, fanOut: 2 }, createRng(7));
    const c = initialize('he-normal', 5, { fanIn: 2, fanOut: 2 }, createRng(8));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(Array.from(initialize('zeros', 3, { fanIn: 1, fanOut: 1 }, createRng(0)))).toEqual([0, 0, 0]);
    expect(Array.from(initialize('ones', 2, { fanIn: 1, fanOut: 1 }, createRng(0)))).toEqual([1, 1]);
  });
});
