import { expect, it } from 'vitest';
import { createEventChannel } from '@losslens/core';
import { describeBackends } from '@losslens/testing';
import { interpolate1d } from './interpolate.js';
import { matrixWithSpectrum, quadraticObjective } from '../test/fixtures.js';

const quadraticValue = (data: Float64Array, n: number, d: ArrayLike<number>) => {
  let q = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q += (d[i] as number) * (data[i * n + j] as number) * (d[j] as number);
  return 0.5 * q;
};

describeBackends('interpolate1d', () => {
  it('1-D interpolation: L((1 − α)a + αb) of a quadratic equals the closed form at every α', () => {
    const matrix = matrixWithSpectrum([1, 2, 5], 3);
    const objective = quadraticObjective(matrix);
    const half = quadraticObjective(matrixWithSpectrum([0.5, 1, 2.5], 3));
    const a = Float32Array.of(1, 0, -1);
    const b = Float32Array.of(-0.5, 2, 0.5);
    const events = createEventChannel();
    let progress = 0;
    events.on((e) => e.type === 'progress' && e.task === 'interpolation' && (progress = e.done));
    const result = interpolate1d(objective, a, b, { points: 5, extra: { half }, events });
    expect(progress).toBe(5);
    expect(result.alpha).toEqual([-0.5, 0, 0.5, 1, 1.5]);
    result.alpha.forEach((alpha, k) => {
      const point = Array.from(a, (t, i) => (1 - alpha) * t + alpha * (b[i] as number));
      expect(result.loss[k]).toBeCloseTo(quadraticValue(matrix.data, 3, point), 4);
      expect(result.extra['half']?.[k]).toBeCloseTo(quadraticValue(matrix.data, 3, point) / 2, 4);
    });
    expect(() => interpolate1d(objective, a, b, { points: 1 })).toThrow('points must be an integer ≥ 2, got 1');
    expect(() => interpolate1d(objective, a, Float32Array.of(1), {})).toThrow('theta B has 1 entries but the objective has 3 parameters');
  });
});
