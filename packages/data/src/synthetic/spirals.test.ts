import { describe, expect, it } from 'vitest';
import { makeSpirals } from './spirals.js';

describe('makeSpirals', () => {
  it('places arm points by the formula (hand-computed, quarter turn, no noise)', () => {
    const ds = makeSpirals({ n: 4, classes: 2, turns: 0.25, noise: 0, shuffle: false });
    // arm 0: s = 0 → (0, 0); s = 1 → angle π/2 → (0, 1). arm 1: s = 0 → (0, 0); s = 1 → angle 3π/2 → (0, -1)
    const expected = [0, 0, 0, 1, 0, 0, 0, -1];
    Array.from(ds.features).forEach((v, k) => expect(v).toBeCloseTo(expected[k] as number, 6));
    expect(Array.from(ds.targets)).toEqual([0, 0, 1, 1]);
  });

  it('splits rows over arms (remainder to the first arms), radius grows along each arm', () => {
    const ds = makeSpirals({ n: 11, classes: 3, noise: 0, shuffle: false });
    expect(Array.from(ds.targets)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
    const radius = (i: number) => Math.hypot(ds.features[2 * i] as number, ds.features[2 * i + 1] as number);
    [0, 1, 2, 3].forEach((i) => expect(radius(i)).toBeCloseTo(i / 3, 6));
    expect(ds.outputs).toBe(3);
  });

  it('is reproducible and rejects bad options', () => {
    expect(makeSpirals({ seed: 2 }).features).toEqual(makeSpirals({ seed: 2 }).features);
    expect(() => makeSpirals({ classes: 1 })).toThrow('classes must be a whole number ≥ 2, got 1');
    expect(() => makeSpirals({ n: 2, classes: 3 })).toThrow('n must be a whole number ≥ 3, got 2');
  });
});
