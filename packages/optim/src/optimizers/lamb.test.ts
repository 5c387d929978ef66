import { expect, it } from 'vitest';
import { describeBackends, expectNoLeaks, relativeError } from '@losslens/testing';
import { lamb } from './lamb.js';
import { traceOptimizer } from './trace.js';

// θ0 = [1, -2, 0.5], g1 = [0.5, 0.1, -0.3], g2 = [-0.2, 0.4, 0.3], lr = 0.1, two layers [0, 2) and [2, 3).
// Expected: LAMB Algorithm 2 (arXiv 1904.00962, bias-corrected, φ = identity) by hand in float64.
const theta0 = [1, -2, 0.5];
const gradients = [[0.5, 0.1, -0.3], [-0.2, 0.4, 0.3]];
const layout = [
  { name: 'w', shape: [2], offset: 0, size: 2 },
  { name: 'b', shape: [1], offset: 2, size: 1 },
];

describeBackends('lamb', () => {
  it('takes an Adam direction scaled per layer by ‖w‖/‖u‖', async () => {
    const [a, b] = await expectNoLeaks(() => traceOptimizer(lamb({ layout }), theta0, gradients, 0.1));
    expect(relativeError(a!, [0.8395200854144238, -2.1557119038950017, 0.55])).toBeLessThan(1e-5);
    expect(relativeError(b!, [0.7517078186076165, -2.3697396676602165, 0.495])).toBeLessThan(1e-5);
  });
  it('without weight decay', () => {
    const [a, b] = traceOptimizer(lamb({ layout, weightDecay: 0 }), theta0, gradients, 0.1);
    expect(relativeError(a!, [0.8418854845411086, -2.1581132505554166, 0.55])).toBeLessThan(1e-5);
    expect(relativeError(b!, [0.7575680823639234, -2.373874265113491, 0.495])).toBeLessThan(1e-5);
  });
});
