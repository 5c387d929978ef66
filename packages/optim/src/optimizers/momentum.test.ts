import { expect, it } from 'vitest';
import { describeBackends, expectNoLeaks, relativeError } from '@losslens/testing';
import { momentum, nesterov } from './momentum.js';
import { traceOptimizer } from './trace.js';

// θ0 = [1, -2, 0.5], g1 = [0.5, 0.1, -0.3], g2 = [-0.2, 0.4, 0.3], lr = 0.1 (PyTorch SGD rules by hand, float64).
const theta0 = [1, -2, 0.5];
const gradients = [[0.5, 0.1, -0.3], [-0.2, 0.4, 0.3]];

describeBackends('momentum and nesterov', () => {
  it('heavy ball: b1 = g1, b2 = 0.9·b1 + g2', async () => {
    const [a, b] = await expectNoLeaks(() => traceOptimizer(momentum({ momentum: 0.9 }), theta0, gradients, 0.1));
    expect(relativeError(a!, [0.95, -2.01, 0.53])).toBeLessThan(1e-6);
    // b2 = [0.25, 0.49, 0.03] → θ2 = θ1 − 0.1·b2
    expect(relativeError(b!, [0.925, -2.059, 0.527])).toBeLessThan(1e-6);
  });
  it('dampening and weight decay', () => {
    const [a, b] = traceOptimizer(momentum({ momentum: 0.9, dampening: 0.5, weightDecay: 0.1 }), theta0, gradients, 0.1);
    expect(relativeError(a!, [0.94, -1.99, 0.525])).toBeLessThan(1e-6);
    expect(relativeError(b!, [0.8913, -1.99105, 0.529875])).toBeLessThan(1e-6);
  });
  it('nesterov: θ − lr·(g + μ·b)', () => {
    const [a, b] = traceOptimizer(nesterov({ momentum: 0.9 }), theta0, gradients, 0.1);
    // step 1: g + 0.9·g = 1.9·g → 1 − 0.095 = 0.905
    expect(relativeError(a!, [0.905, -2.019, 0.557])).toBeLessThan(1e-6);
    expect(relativeError(b!, [0.9025, -2.1031, 0.5243])).toBeLessThan(1e-6);
  });
});

it('nesterov refuses dampening, with the option values in the message', () => {
  expect(() => nesterov({ dampening: 0.1 })).toThrow('nesterov: Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.9, dampening 0.1');
  expect(() => momentum({ momentum: Number.NaN })).toThrow('momentum: option "momentum" must be a finite number');
});
