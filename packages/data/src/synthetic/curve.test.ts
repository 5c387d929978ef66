import { describe, expect, it } from 'vitest';
import { makeCurve } from './curve.js';

describe('makeCurve', () => {
  it('without noise the targets are exactly sin(2x), inputs uniform in the range', () => {
    const ds = makeCurve({ n: 500, seed: 3, noise: 0 });
    expect(ds.featureShape).toEqual([1]);
    for (let i = 0; i < ds.n; i++) {
      const x = ds.features[i] as number;
      expect(x).toBeGreaterThanOrEqual(-3);
      expect(x).toBeLessThan(3);
      expect(ds.targets[i]).toBeCloseTo(Math.sin(2 * x), 6);
    }
    const mean = ds.features.reduce((a, b) => a + b, 0) / ds.n;
    expect(Math.abs(mean)).toBeLessThan(0.25); // U(-3, 3): mean 0, std of the mean √3/√500 ≈ 0.08
  });

  it('noise has the requested standard deviation (n = 4000, tolerance ≈ 6 standard errors)', () => {
    const ds = makeCurve({ n: 4000, seed: 1, noise: 0.3, curve: 'cubic' });
    let squares = 0;
    for (let i = 0; i < ds.n; i++) squares += ((ds.targets[i] as number) - (ds.truth.f!([ds.features[i] as number])[0] as number)) ** 2;
    expect(Math.sqrt(squares / ds.n)).toBeCloseTo(0.3, 1);
    expect(Math.abs(Math.sqrt(squares / ds.n) - 0.3)).toBeLessThan(0.02);
    expect(ds.truth.noiseStd).toBe(0.3);
  });

  it('named curves match their formulas; custom functions and ranges work', () => {
    expect(makeCurve({ curve: 'cubic' }).truth.f!([2])).toEqual([(8 - 8) / 5]);
    const piecewise = makeCurve({ curve: 'piecewise' }).truth.f!;
    expect(piecewise([-1])).toEqual([1.5]);
    expect(piecewise([0.5])).toEqual([-1]);
    expect(piecewise([-2])[0]).toBeCloseTo(0.75, 12);
    expect(piecewise([5])).toEqual([0]);
    const custom = makeCurve({ curve: (x) => 3 * x, noise: 0, range: [0, 1], n: 20 });
    custom.features.forEach((x, i) => expect(custom.targets[i]).toBeCloseTo(3 * x, 5));
    expect(custom.origin).toBe('synthetic:curve(curve=custom, n=20, noise=0, range=[0,1], seed=0)');
  });

  it('is reproducible from the seed', () => {
    expect(makeCurve({ seed: 4 }).targets).toEqual(makeCurve({ seed: 4 }).targets);
    expect(makeCurve({ seed: 4 }).targets).not.toEqual(makeCurve({ seed: 5 }).targets);
  });

  it('bad options are input errors', () => {
    expect(() => makeCurve({ n: 0 })).toThrow('n must be a whole number ≥ 1, got 0');
    expect(() => makeCurve({ noise: -1 })).toThrow('noise must be a finite number ≥ 0, got -1');
    expect(() => makeCurve({ range: [1, 1] })).toThrow(/range must be two finite numbers/);
    expect(() => makeCurve({ curve: 'zigzag' as 'sine' })).toThrow(/unknown curve "zigzag"; choose one of sine, cubic, piecewise/);
  });
});
