import { expect, it } from 'vitest';
import { describeBackends, expectNoLeaks, relativeError } from '@losslens/testing';
import { sgd } from './sgd.js';
import { traceOptimizer } from './trace.js';

// Shared fixture of the optimizer tests: θ0 = [1, -2, 0.5], g1 = [0.5, 0.1, -0.3], g2 = [-0.2, 0.4, 0.3], lr = 0.1.
// Expected values are the PyTorch update rules evaluated by hand in float64.
const theta0 = [1, -2, 0.5];
const gradients = [[0.5, 0.1, -0.3], [-0.2, 0.4, 0.3]];

describeBackends('sgd', () => {
  it('takes θ − lr·g', async () => {
    const [a, b] = await expectNoLeaks(() => traceOptimizer(sgd(), theta0, gradients, 0.1));
    // 1 − 0.1·0.5 = 0.95, −2 − 0.01 = −2.01, 0.5 + 0.03 = 0.53; then 0.95 + 0.02 = 0.97, …
    expect(relativeError(a!, [0.95, -2.01, 0.53])).toBeLessThan(1e-6);
    expect(relativeError(b!, [0.97, -2.05, 0.5])).toBeLessThan(1e-6);
  });
  it('adds L2 weight decay to the gradient', () => {
    const [a, b] = traceOptimizer(sgd({ weightDecay: 0.1 }), theta0, gradients, 0.1);
    // 1 − 0.1·(0.5 + 0.1·1) = 0.94
    expect(relativeError(a!, [0.94, -1.99, 0.525])).toBeLessThan(1e-6);
    expect(relativeError(b!, [0.9506, -2.0101, 0.48975])).toBeLessThan(1e-6);
  });
  it('honours a per-step learning rate', () => {
    const [, b] = traceOptimizer(sgd(), theta0, gradients, (step) => (step === 0 ? 0.1 : 0.5));
    // second step: 0.95 − 0.5·(−0.2) = 1.05, −2.01 − 0.2 = −2.21, 0.53 − 0.15 = 0.38
    expect(relativeError(b!, [1.05, -2.21, 0.38])).toBeLessThan(1e-6);
  });
});

it('sgd rejects a negative weight decay and an unknown option by name', () => {
  expect(() => sgd({ weightDecay: -1 })).toThrow('sgd: option "weightDecay" must be >= 0, got -1');
  expect(() => sgd({ weight_decay: 1 } as never)).toThrow('sgd: unknown option "weight_decay"; known options: weightDecay');
});
