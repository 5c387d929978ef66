import { expect, it } from 'vitest';
import { describeBackends, expectNoLeaks, relativeError } from '@losslens/testing';
import { adagrad } from './adagrad.js';
import { traceOptimizer } from './trace.js';

// θ0 = [1, -2, 0.5], g1 = [0.5, 0.1, -0.3], g2 = [-0.2, 0.4, 0.3], lr = 0.1.
// Expected: PyTorch Adagrad rules (eps 1e-10), evaluated by hand in float64.
const theta0 = [1, -2, 0.5];
const gradients = [[0.5, 0.1, -0.3], [-0.2, 0.4, 0.3]];

describeBackends('adagrad', () => {
  it('divides by the root of the summed squared gradients', async () => {
    const [a, b] = await expectNoLeaks(() => traceOptimizer(adagrad(), theta0, gradients, 0.1));
    expect(relativeError(a!, [0.9, -2.1, 0.6])).toBeLessThan(1e-6);
    // step 2, first coordinate: 0.9 − 0.1·(−0.2)/√(0.25 + 0.04)
    expect(relativeError(b!, [0.9371390676485138, -2.1970142498910037, 0.5292893218646786])).toBeLessThan(1e-6);
  });
  it('lr decay and an initial accumulator', () => {
    const [a, b] = traceOptimizer(adagrad({ lrDecay: 0.5, initialAccumulatorValue: 0.1 }), theta0, gradients, 0.1);
    expect(relativeError(a!, [0.9154845745414341, -2.0301511344486856, 0.5688247201453791])).toBeLessThan(1e-6);
    expect(relativeError(b!, [0.9368349950453602, -2.0814711583667758, 0.5310282728515993])).toBeLessThan(1e-6);
  });
});
