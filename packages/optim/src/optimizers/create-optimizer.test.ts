import { expect, it } from 'vitest';
import { describeBackends, relativeError } from '@losslens/testing';
import { createOptimizer, optimizerNames } from './create-optimizer.js';
import { traceOptimizer } from './trace.js';

describeBackends('createOptimizer', () => {
  it('builds every named optimizer, each of which moves θ downhill on its first step', () => {
    for (const name of optimizerNames) {
      const [a] = traceOptimizer(createOptimizer(name), [1, -2], [[0.5, -0.5]], 0.1);
      expect(a![0], name).toBeLessThan(1);
      expect(a![1], name).toBeGreaterThan(-2);
    }
  });
  it('passes the layout to lars, giving per-layer rates', () => {
    const layout = [
      { name: 'a', shape: [1], offset: 0, size: 1 },
      { name: 'b', shape: [1], offset: 1, size: 1 },
    ];
    // per layer λ = 0.001·|w|/|g|: 0.001·1/0.5 and 0.001·2/0.5 → steps 0.1·λ·g
    const [a] = traceOptimizer(createOptimizer('lars', {}, { layout }), [1, -2], [[0.5, -0.5]], 0.1);
    expect(relativeError(a!, [1 - 0.1 * 0.002 * 0.5, -2 + 0.1 * 0.004 * 0.5])).toBeLessThan(1e-6);
  });
});

it('createOptimizer names the known optimizers when the name is unknown', () => {
  expect(() => createOptimizer('adamax')).toThrow(
    'unknown optimizer "adamax"; choose one of sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad, lars, lamb',
  );
  expect(() => createOptimizer('adam', { beta3: 1 })).toThrow('adam: unknown option "beta3"');
});
