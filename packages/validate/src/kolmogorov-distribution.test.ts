import { describe, expect, it } from 'vitest';
import { kolmogorovSf, ksTwoSampleExactSf, logGamma, pelzGoodCdf, smirnovSf } from './kolmogorov-distribution.js';

// References: scipy 1.10.1 (`scipy.stats.kstwo.sf`, `scipy.special.smirnov`), closed forms.
describe('ksTwoSampleExactSf', () => {
  it('complete separation of 5 vs 5 has probability 2 / C(10, 5)', () => {
    expect(ksTwoSampleExactSf(5, 5, 5)).toBeCloseTo(2 / 252, 15);
  });
  it('D = 0 has probability 1', () => {
    expect(ksTwoSampleExactSf(7, 3, 0)).toBe(1);
  });
  it('equals brute-force enumeration of all C(9, 4) label assignments', () => {
    // P(D >= h / lcm) for n1 = 4, n2 = 5 over all 126 ways to choose the first sample's ranks.
    const n1 = 4;
    const n2 = 5;
    const counts = new Map<number, number>();
    const choose = (start: number, left: number, picked: number[]) => {
      if (left === 0) {
        let c1 = 0;
        let c2 = 0;
        let best = 0;
        for (let r = 0; r < n1 + n2; r++) {
          if (picked.includes(r)) c1++;
          else c2++;
          best = Math.max(best, Math.abs(c1 * n2 - c2 * n1));
        }
        counts.set(best, (counts.get(best) ?? 0) + 1);
        return;
      }
      for (let r = start; r < n1 + n2; r++) choose(r + 1, left - 1, [...picked, r]);
    };
    choose(0, n1, []);
    for (const h of [1, 5, 8, 10, 12, 15, 20]) {
      let atLeast = 0;
      for (const [d, c] of counts) if (d >= h) atLeast += c;
      expect(ksTwoSampleExactSf(n1, n2, h)).toBeCloseTo(atLeast / 126, 13);
    }
  });
});

describe('kolmogorovSf (scipy kstwo.sf)', () => {
  const cases: [number, number, number][] = [
    [200, 0.05, 0.6802625495871704],
    [200, 0.1, 0.03411035080315383],
    [200, 0.2, 1.7317874617308334e-7],
    [1000, 0.03, 0.3226902143914636],
    [1000, 0.06, 0.001428597887952891],
    [5000, 0.02, 0.03613941395325637],
    [300, 0.15, 2.3391599430116967e-6],
    [150, 0.1, 0.09292132232164585],
  ];
  it.each(cases)('n = %i, x = %f', (n, x, expected) => {
    expect(kolmogorovSf(n, x) / expected - 1).toBeLessThan(1e-6);
    expect(expected / kolmogorovSf(n, x) - 1).toBeLessThan(1e-6);
  });
  it('has the exact tails', () => {
    expect(kolmogorovSf(10, 0)).toBe(1);
    expect(kolmogorovSf(10, 1)).toBe(0);
    expect(kolmogorovSf(10, 0.04)).toBe(1); // n·x <= 0.5
    expect(kolmogorovSf(4, 0.9)).toBeCloseTo(2 * 0.1 ** 4, 15); // n·x >= n − 1
  });
});

describe('smirnovSf (scipy.special.smirnov)', () => {
  it.each([
    [200, 0.15, 0.0001077095622443654],
    [1000, 0.06, 0.0007142989439764456],
    [50, 0.3, 8.676630101359369e-5],
  ])('n = %i, x = %f', (n, x, expected) => {
    expect(Math.abs(smirnovSf(n, x) / expected - 1)).toBeLessThan(1e-9);
  });
  it('for n = 1 is 1 − x', () => {
    expect(smirnovSf(1, 0.3)).toBeCloseTo(0.7, 14);
  });
});

describe('helpers', () => {
  it('logGamma matches log-factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
  it('pelzGoodCdf tends to the Kolmogorov limit for large n', () => {
    // K(1) = 1 − 2 Σ (−1)^{k−1} e^{−2k²} = 0.7300003283... at z = 1
    let limit = 1;
    for (let k = 1; k < 50; k++) limit -= 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k);
    expect(pelzGoodCdf(1e10, 1 / Math.sqrt(1e10))).toBeCloseTo(limit, 4);
  });
});
