import { createRng } from '@losslens/core';
import { describe, expect, it } from 'vitest';
import { sampleBeta, sampleGamma } from './beta.js';

const moments = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length };
};

describe('sampleBeta / sampleGamma (20,000 seeded draws; tolerances ≈ 5 standard errors)', () => {
  it('Gamma(k): mean k, variance k, for k above and below 1', () => {
    for (const k of [0.4, 2.5]) {
      const rng = createRng(11);
      const { mean, variance } = moments(Array.from({ length: 20000 }, () => sampleGamma(k, rng)));
      expect(Math.abs(mean - k)).toBeLessThan(5 * Math.sqrt(k / 20000));
      expect(Math.abs(variance - k) / k).toBeLessThan(0.08);
    }
  });

  it('Beta(2, 5): mean 2/7, variance 10/392, and P(X < 0.5) = 57/64 (closed form for integer parameters)', () => {
    const rng = createRng(5);
    const xs = Array.from({ length: 20000 }, () => sampleBeta(2, 5, rng));
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean - 2 / 7)).toBeLessThan(0.006);
    expect(Math.abs(variance - 10 / 392)).toBeLessThan(0.0015);
    expect(Math.abs(xs.filter((x) => x < 0.5).length / xs.length - 57 / 64)).toBeLessThan(0.011);
  });

  it('Beta(0.2, 0.2) (mixup default): mean 1/2, variance 1/(4·1.4), mostly near 0 or 1', () => {
    const rng = createRng(8);
    const xs = Array.from({ length: 20000 }, () => sampleBeta(0.2, 0.2, rng));
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1 / 5.6)).toBeLessThan(0.006);
    expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
  });
});
