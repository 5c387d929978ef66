import { expect, it } from 'vitest';
import { coarseDensity } from './analyze.js';
import { denseOperator } from './operator.js';
import { slqDensity } from './slq.js';
import { matrixWithSpectrum } from '../test/fixtures.js';

it('coarse bins keep the SLQ mass: the count integrates to P, its mean within half a bin of the SLQ mean', () => {
  // steps = n: every node is an exact eigenvalue, so the mean is the trace over n, exactly.
  const spectrum = [-4, -1, 0, 0, 0.5, 2, 3, 8];
  const slq = slqDensity(denseOperator(matrixWithSpectrum(spectrum, 5)), { runs: 4, steps: 8, gridPoints: 960 });
  const { eigenvalue, count } = coarseDensity(slq.grid, slq.density, spectrum.length);
  expect(eigenvalue).toHaveLength(80); // 12 grid points a bin
  const width = (eigenvalue[1] as number) - (eigenvalue[0] as number);
  expect(count.reduce((s, c) => s + c, 0) * width).toBeCloseTo(spectrum.length, 6);
  // The SLQ mean equals the runs' mean of Σ τ²θ; each run's is vᵀAv/‖v‖², an estimate of tr(A)/n.
  const slqMean = slq.runs.reduce((s, r) => s + r.nodes.reduce((t, node, j) => t + node * (r.weights[j] as number), 0), 0) / slq.runs.length;
  const mean = (count.reduce((s, c, i) => s + c * (eigenvalue[i] as number), 0) * width) / spectrum.length;
  // Each eigenvalue moves to its bin's centre: the mean moves by at most half a bin.
  expect(Math.abs(mean - slqMean)).toBeLessThanOrEqual(width / 2);
  // The grid's even spacing survives the coarsening.
  expect((eigenvalue[75] as number) - (eigenvalue[74] as number)).toBeCloseTo(width, 9);
});
