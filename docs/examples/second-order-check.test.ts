import { describe, expect, it } from 'vitest';
import { main } from './second-order-check.js';

describe('second-order check', () => {
  it.each(['cpu', 'wasm'])('primitives match finite differences; tf.logSoftmax does not [%s]', async (backend) => {
    const r = await main(backend);
    expect(r.backend).toBe(backend);
    // checkHvp's reference is central finite differences of the gradient (ε = 1e-3, float32).
    expect(r.primitivesError).toBeLessThan(1e-3);
    expect(r.logSoftmaxError).toBeGreaterThan(0.05);
  });
});
