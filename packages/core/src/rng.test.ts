import { describe, expect, it } from 'vitest';
import { createRng, hashSeed, seed32 } from './rng.js';

describe('createRng', () => {
  it('is reproducible per seed and differs across seeds', () => {
    const a = Array.from({ length: 5 }, createRng(7).uniform);
    const b = Array.from({ length: 5 }, createRng(7).uniform);
    expect(a).toEqual(b);
    expect(Array.from({ length: 5 }, createRng(8).uniform)).not.toEqual(a);
  });

  it('draws uniforms with the moments of U(0,1) and normals with those of N(0,1)', () => {
    const rng = createRng(123);
    const n = 200_000;
    let su = 0;
    let su2 = 0;
    let sn = 0;
    let sn2 = 0;
    let sn4 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      su2 += u * u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
      sn4 += z ** 4;
    }
    // standard errors: mean of U ±0.0006, var(U)=1/12; N: mean ±0.002, var 1, kurtosis 3
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(su2 / n - (su / n) ** 2).toBeCloseTo(1 / 12, 2);
    expect(Math.abs(sn / n)).toBeLessThan(0.01);
    expect(sn2 / n).toBeCloseTo(1, 1);
    expect(sn4 / n).toBeGreaterThan(2.9);
    expect(sn4 / n).toBeLessThan(3.1);
  });

  it('shuffles to a permutation, covering all orders of three items evenly', () => {
    const rng = createRng(5);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = rng.shuffle(['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(120);
    expect(rng.permutation(10).slice().sort((x, y) => x - y)).toEqual([...Array(10).keys()]);
  });

  it('int stays in range; forks are independent and reproducible', () => {
    const rng = createRng(9);
    for (let i = 0; i < 1000; i++) {
      const k = rng.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
    expect(createRng(1).fork('init').uniform()).toBe(createRng(1).fork('init').uniform());
    expect(createRng(1).fork('init').uniform()).not.toBe(createRng(1).fork('data').uniform());
    expect(hashSeed(1, 'a')).not.toBe(hashSeed(2, 'a'));
    expect(() => createRng(Number.NaN)).toThrow(/seed must be an integer/);
  });

  it('seeds do not wrap: 2^32 + k and k - 2^32 get their own streams, seeds in [0, 2^32) keep theirs, non-integers are refused', () => {
    const first = (seed: number) => createRng(seed).uniform();
    expect(seed32(7)).toBe(7);
    expect(seed32(2 ** 32 - 1)).toBe(2 ** 32 - 1);
    expect(first(2 ** 32)).not.toBe(first(0));
    expect(first(2 ** 32 + 5)).not.toBe(first(5));
    expect(first(-1)).not.toBe(first(2 ** 32 - 1));
    expect(createRng(2 ** 32).fork('x').uniform()).not.toBe(createRng(0).fork('x').uniform());
    expect(hashSeed(2 ** 32 + 3, 'a')).not.toBe(hashSeed(3, 'a'));
    expect(() => createRng(1.5)).toThrow(/seed must be an integer.*got 1.5/);
    expect(() => createRng(Number.NaN)).toThrow(/seed must be an integer/);
    expect(() => createRng(2 ** 60)).toThrow(/safe one/);
  });
});
