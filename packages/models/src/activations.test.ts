import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends } from '@losslens/testing';
import { activate, activationNames, isActivation, prefersHeInit } from './activations.js';

const xs = [-2, -0.5, 0, 0.7, 3];
const erf = (x: number) => {
  // Abramowitz–Stegun 7.1.26 is only 1e-7 accurate; use the series for |x| ≤ 3 (converges fast).
  let sum = 0;
  let term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
};
const reference: Record<string, (x: number) => number> = {
  linear: (x) => x,
  relu: (x) => Math.max(0, x),
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  elu: (x) => (x > 0 ? x : Math.exp(x) - 1),
  gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  softplus: (x) => Math.log1p(Math.exp(x)),
};

describeBackends('activations', () => {
  for (const [name, f] of Object.entries(reference)) {
    it(`${name} matches its closed form`, () => {
      const y = tf.tidy(() => Array.from(activate(name as never, tf.tensor1d(xs)).dataSync()));
      y.forEach((v, i) => expect(v).toBeCloseTo(f(xs[i]!), 5));
    });
  }
  it('softmax normalizes the last axis', () => {
    const y = tf.tidy(() => Array.from(activate('softmax', tf.tensor2d([[1, 2, 3]])).dataSync()));
    const z = [1, 2, 3].map((v) => Math.exp(v));
    const s = z.reduce((a, b) => a + b);
    y.forEach((v, i) => expect(v).toBeCloseTo(z[i]! / s, 6));
  });
});

it('names and initializer preference', () => {
  expect(activationNames).toContain('gelu');
  expect(isActivation('relu')).toBe(true);
  expect(isActivation('swish')).toBe(false);
  expect(prefersHeInit('relu')).toBe(true);
  expect(prefersHeInit('tanh')).toBe(false);
});
