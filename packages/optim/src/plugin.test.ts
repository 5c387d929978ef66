import { expect, it } from 'vitest';
import { createLens } from '@losslens/core';
import { relativeError } from '@losslens/testing';
import { optim } from './plugin.js';
import { traceOptimizer } from './optimizers/trace.js';

it('the optim plugin registers every optimizer and schedule under optim/*', async () => {
  const lens = await createLens({ plugins: [optim()], backend: 'cpu' });
  expect(lens.optimizers.keys()).toEqual(['optim/sgd', 'optim/momentum', 'optim/nesterov', 'optim/adam', 'optim/adamw', 'optim/rmsprop', 'optim/adagrad', 'optim/lars', 'optim/lamb']);
  expect(lens.schedules.keys()).toEqual(['optim/constant', 'optim/step', 'optim/cosine', 'optim/warmup', 'optim/linear-scaling']);
  // SGD with L2 0.1: 1 − 0.1·(0.5 + 0.1) = 0.94
  const [a] = traceOptimizer(lens.optimizers.get('optim/sgd')({ weightDecay: 0.1 }), [1], [[0.5]], 0.1);
  expect(relativeError(a!, [0.94])).toBeLessThan(1e-6);
  expect(lens.schedules.get('optim/step')({ every: 2, gamma: 0.5 })({ step: 0, epoch: 4, baseRate: 1 })).toBe(0.25);
  expect(lens.optimizers.owner('optim/adam')).toBe('@losslens/optim');
});
