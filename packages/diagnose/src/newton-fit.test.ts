import { expect, it } from 'vitest';
import type { ThetaObjective } from '@losslens/critical';
import { newtonFit, solveDamped } from './newton-fit.js';

/** A quadratic ½(θ−c)ᵀA(θ−c) as an objective, all in plain JS: its minimum is c. */
const quadratic = (a: number[][], c: number[]): ThetaObjective => {
  const grad = (t: Float32Array) => Float32Array.from(a.map((row) => row.reduce((s, v, j) => s + v * (t[j]! - c[j]!), 0)));
  const loss = (t: Float32Array) => 0.5 * Array.from(grad(t)).reduce((s, g, i) => s + g * (t[i]! - c[i]!), 0);
  return {
    parameterCount: c.length,
    loss,
    gradient: grad,
    lossAndGradient: (t) => ({ loss: loss(t), gradient: grad(t) }),
    hvp: (_t, v) => Float32Array.from(a.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0))),
    dispose() {},
  };
};

it('solveDamped solves (A + λI)x = b and refuses an indefinite matrix', () => {
  const x = solveDamped(Float64Array.from([4, 1, 1, 3]), 2, 0, [1, 2])!;
  // Cramer's rule: det 11, x = (1·3 − 1·2, 4·2 − 1·1) / 11.
  expect(x[0]).toBeCloseTo(1 / 11, 12);
  expect(x[1]).toBeCloseTo(7 / 11, 12);
  expect(solveDamped(Float64Array.from([1, 0, 0, -1]), 2, 0, [1, 1])).toBeUndefined();
  expect(solveDamped(Float64Array.from([1, 0, 0, -1]), 2, 2, [1, 1])![1]).toBeCloseTo(1, 12);
});

it('newtonFit reaches the minimum of a quadratic in a step or two', () => {
  const fit = newtonFit(quadratic([[3, 1], [1, 2]], [1, -2]), Float32Array.from([10, 10]));
  expect(fit.theta[0]).toBeCloseTo(1, 4);
  expect(fit.theta[1]).toBeCloseTo(-2, 4);
  expect(fit.loss).toBeLessThan(1e-8);
  expect(fit.iterations).toBeLessThanOrEqual(3);
});
