import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { main } from './saddle-point.js';

beforeAll(async () => {
  await initTensorflow();
});

describe('the lecture saddle point', () => {
  it('matches the closed form: H = [[0, −2], [−2, 0]] at (0, 0)', async () => {
    const before = tf.memory().numTensors;
    const r = await main();
    expect(tf.memory().numTensors).toBe(before);
    expect(r.gradientNorm).toBe(0);
    // Eigenvalues of [[0, −2], [−2, 0]] are ±2.
    expect(r.eigenvalues?.[0]).toBeCloseTo(-2, 5);
    expect(r.eigenvalues?.[1]).toBeCloseTo(2, 5);
    expect(r.minimumRatio).toBe(0.5);
    expect(r.kind).toBe('saddle-point');
  });

  it('escapes along u = ±(1, 1)/√2: L(η) = (1 − η²/2)² reaches 0 at |η| = √2', async () => {
    const { escape } = await main();
    expect(escape?.eigenvalue).toBeCloseTo(-2, 5);
    expect(escape?.lossBefore).toBe(1);
    expect(Math.abs(escape?.step ?? 0)).toBeCloseTo(Math.SQRT2, 5);
    expect(escape?.lossAfter).toBeCloseTo(0, 6);
    // The lecture's second-order prediction ½λη² = ½ · (−2) · 2 = −2 (the true change is −1:
    // the quadratic model only holds near θ′).
    expect(escape?.predictedChange).toBeCloseTo(-2, 4);
    // Plain gradient descent from the saddle never moves: the gradient there is exactly zero.
    expect(escape?.gradientDescent.lossAfter).toBe(1);
  });
});
