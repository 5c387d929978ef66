import { describe, expect, it } from 'vitest';
import { createDefaultLens } from '@losslens/lens';
import { expectNoLeaks } from '@losslens/testing';
import { measureCurveFit } from './curve-fit.js';

/** Ordinary least squares y ≈ a + b·x in float64: the lowest MSE any linear model can reach. */
function leastSquaresMse(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((x[i] ?? 0) - mx) * ((y[i] ?? 0) - my);
    sxx += ((x[i] ?? 0) - mx) ** 2;
  }
  const b = sxy / sxx;
  const a = my - b * mx;
  return x.reduce((s, v, i) => s + ((y[i] ?? 0) - (a + b * v)) ** 2, 0) / n;
}

describe('measureCurveFit', () => {
  it('trains the linear model to the least-squares optimum and the MLP far below it', async () => {
    const lens = await createDefaultLens({ backend: 'wasm' });
    const m = await expectNoLeaks(() => measureCurveFit(lens, { n: 80, epochs: 60, flexible: 'mlp:16x16:tanh', seed: 1 }));
    const [linear, mlp] = m.runs;
    const ols = leastSquaresMse(m.x, m.y);
    // No linear model can beat OLS; a trained one should come within 2 % of it.
    expect(linear.trainLoss).toBeGreaterThanOrEqual(ols * (1 - 1e-4));
    expect(linear.trainLoss).toBeLessThan(ols * 1.02);
    expect(mlp.trainLoss).toBeLessThan(linear.trainLoss / 3);
    expect(m.noiseFloor).toBeCloseTo(0.01, 12);
    expect(linear.history).toHaveLength(60);
    expect(linear.predictions).toHaveLength(m.grid.length);
  });
});
