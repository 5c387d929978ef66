import { expect, it } from 'vitest';
import { describeBackends, expectNoLeaks, relativeError } from '@losslens/testing';
import { lars } from './lars.js';
import { traceOptimizer } from './trace.js';

// θ0 = [1, -2, 0.5], g1 = [0.5, 0.1, -0.3], g2 = [-0.2, 0.4, 0.3], lr = 0.1, two layers [0, 2) and [2, 3).
// Expected: LARS Algorithm 1 (arXiv 1708.03888) evaluated by hand in float64.
const theta0 = [1, -2, 0.5];
const gradients = [[0.5, 0.1, -0.3], [-0.2, 0.4, 0.3]];
const layout = [
  { name: 'w', shape: [2], offset: 0, size: 2 },
  { name: 'b', shape: [1], offset: 2, size: 1 },
];

describeBackends('lars', () => {
  it('scales each layer by η‖w‖/‖g‖, with momentum', async () => {
    const [a, b] = await expectNoLeaks(() => traceOptimizer(lars({ layout }), theta0, gradients, 0.1));
    // layer 1: λ = 0.001·√5/√0.26 = 0.0043853; layer 2: λ = 0.001·0.5/0.3
    expect(relativeError(a!, [0.9997807354951732, -2.000043852900965, 0.50005])).toBeLessThan(1e-6);
    expect(relativeError(b!, [0.9996833948101205, -2.000283315250417, 0.500044995])).toBeLessThan(1e-6);
  });
  it('weight decay enters the local rate and the update', () => {
    const [a, b] = traceOptimizer(lars({ layout, weightDecay: 0.01, trustCoefficient: 0.02 }), theta0, gradients, 0.1);
    expect(relativeError(a!, [0.9957149174042346, -2.0006721698189436, 0.5009672131147541])).toBeLessThan(1e-6);
    expect(relativeError(b!, [0.9936672640810408, -2.004894084951231, 0.5008357704918033])).toBeLessThan(1e-6);
  });
  it('uses a ratio of 1 on a zero layer (zero-initialised biases still move)', () => {
    const [a] = traceOptimizer(lars({ layout, momentum: 0 }), [1, -2, 0], gradients, 0.1);
    expect(a![2]).toBeCloseTo(0.03, 6);
  });
});

it('lars rejects a layout that does not tile θ', () => {
  const gap = [{ name: 'w', shape: [2], offset: 0, size: 2 }, { name: 'b', shape: [1], offset: 3, size: 1 }];
  expect(() => traceOptimizer(lars({ layout: gap }), [1, 2, 3, 4], [[1, 1, 1, 1]], 0.1)).toThrow(
    'lars: layout block "b" starts at 3, expected 2 (blocks must tile θ without gaps)',
  );
});
