import { expect, it } from 'vitest';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { rmsprop } from './rmsprop.js';
import { traceOptimizer } from './trace.js';

// θ0 = [1, -2, 0.5], g1 = [0.5, 0.1, -0.3], g2 = [-0.2, 0.4, 0.3], lr = 0.1.
// Expected: PyTorch RMSprop rules (alpha 0.99, eps 1e-8), evaluated by hand in float64.
const theta0 = [1, -2, 0.5];
const gradients = [[0.5, 0.1, -0.3], [-0.2, 0.4, 0.3]];
const close = (actual: Float32Array | undefined, expected: number[]) =>
  expected.forEach((e, i) => expect(actual?.[i]).toBeCloseTo(e, 5));

describeBackends('rmsprop', () => {
  it('divides by the root of the running squared gradient', async () => {
    const [a, b] = await expectNoLeaks(() => traceOptimizer(rmsprop(), theta0, gradients, 0.1));
    // step 1: v = 0.01·g², so g/√v = 10·sign(g) → θ − 1·sign(g)
    close(a, [1.9999996048181146e-7, -2.999999000001, 1.4999996666667772]);
    close(b, [0.37300205373088147, -3.970426726688517, 0.7911186291625897]);
  });
  it('centred, with momentum', () => {
    const [a, b] = traceOptimizer(rmsprop({ centered: true, momentum: 0.5 }), theta0, gradients, 0.1);
    close(a, [-0.005037613239050165, -3.005036805159217, 1.5050374785589875]);
    close(b, [-0.1339887511887916, -4.4851732318478765, 1.2986750022234552]);
  });
});
