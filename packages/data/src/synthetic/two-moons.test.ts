import { describe, expect, it } from 'vitest';
import { makeTwoMoons } from './two-moons.js';

describe('makeTwoMoons', () => {
  it('matches scikit-learn make_moons(n_samples=6, noise=None, shuffle=False)', () => {
    const ds = makeTwoMoons({ n: 6, noise: 0, shuffle: false });
    // sklearn: [[1, 0], [6.1e-17, 1], [-1, 1.2e-16], [0, 0.5], [1, -0.5], [2, 0.5]], y = [0, 0, 0, 1, 1, 1]
    const expected = [1, 0, 0, 1, -1, 0, 0, 0.5, 1, -0.5, 2, 0.5];
    Array.from(ds.features).forEach((v, k) => expect(v).toBeCloseTo(expected[k] as number, 6));
    expect(Array.from(ds.targets)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(ds.classNames).toEqual(['upper', 'lower']);
  });

  it('odd n puts the extra point on the lower moon, as scikit-learn does', () => {
    const ds = makeTwoMoons({ n: 7, noise: 0, shuffle: false });
    expect(Array.from(ds.targets)).toEqual([0, 0, 0, 1, 1, 1, 1]);
  });

  it('adds noise of the requested std and shuffles reproducibly', () => {
    const clean = makeTwoMoons({ n: 2000, noise: 0, shuffle: false, seed: 1 });
    const noisy = makeTwoMoons({ n: 2000, noise: 0.2, shuffle: false, seed: 1 });
    let squares = 0;
    for (let k = 0; k < clean.features.length; k++) squares += ((noisy.features[k] as number) - (clean.features[k] as number)) ** 2;
    expect(Math.abs(Math.sqrt(squares / clean.features.length) - 0.2)).toBeLessThan(0.01);
    const a = makeTwoMoons({ n: 50, seed: 3 });
    expect(a.features).toEqual(makeTwoMoons({ n: 50, seed: 3 }).features);
    expect(Array.from(a.targets).filter((t) => t === 1)).toHaveLength(25);
    expect(Array.from(a.targets.subarray(0, 25))).not.toEqual(new Array(25).fill(0));
  });
});
