import { expect, it } from 'vitest';
import { describeBackends, expectNoLeaks, relativeError } from '@losslens/testing';
import { adam, adamw } from './adam.js';
import { traceOptimizer } from './trace.js';

// θ0 = [1, -2, 0.5], g1 = [0.5, 0.1, -0.3], g2 = [-0.2, 0.4, 0.3], lr = 0.1.
// Expected: PyTorch Adam/AdamW rules with bias correction, evaluated by hand in float64.
const theta0 = [1, -2, 0.5];
const gradients = [[0.5, 0.1, -0.3], [-0.2, 0.4, 0.3]];

describeBackends('adam and adamw', () => {
  it('adam: first step is −lr·sign(g) (bias-corrected), second step mixes moments', async () => {
    const [a, b] = await expectNoLeaks(() => traceOptimizer(adam(), theta0, gradients, 0.1));
    expect(relativeError(a!, [0.900000002, -2.09999999, 0.599999997])).toBeLessThan(1e-6);
    expect(relativeError(b!, [0.8654394181165108, -2.188437636024883, 0.5947368389473686])).toBeLessThan(1e-6);
  });
  it('adam: weight decay is L2 added to the gradient', () => {
    const [a, b] = traceOptimizer(adam({ weightDecay: 0.1 }), theta0, gradients, 0.1);
    expect(relativeError(a!, [0.9000000016666666, -1.90000001, 0.599999996])).toBeLessThan(1e-6);
    expect(relativeError(b!, [0.8475190629593703, -1.9383950852503757, 0.5770758308863716])).toBeLessThan(1e-6);
  });
  it('adamw: decoupled decay θ·(1 − lr·wd), default wd 0.01', () => {
    const [a, b] = traceOptimizer(adamw(), theta0, gradients, 0.1);
    expect(relativeError(a!, [0.899000002, -2.09799999, 0.5994999966666668])).toBeLessThan(1e-6);
    expect(relativeError(b!, [0.8635404181145108, -2.1843396360348826, 0.5936373389507019])).toBeLessThan(1e-6);
    const [c, d] = traceOptimizer(adamw({ weightDecay: 0.5 }), theta0, gradients, 0.1);
    expect(relativeError(c!, [0.85, -1.99999999, 0.5749999966666668])).toBeLessThan(1e-6);
    expect(relativeError(d!, [0.7729394180165108, -1.9884376365248828, 0.5409868391140352])).toBeLessThan(1e-6);
  });
});

it('adam rejects beta1 = 1', () => {
  expect(() => adam({ beta1: 1 })).toThrow('adam: option "beta1" must be < 1, got 1');
});
