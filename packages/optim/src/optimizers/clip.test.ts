import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { clipByNorm } from './clip.js';

describeBackends('clipByNorm', () => {
  it('scales [3, 4] (norm 5) to norm 1 and leaves it alone under 10', async () => {
    await expectNoLeaks(() => {
      const [clipped, norm, kept] = tf.tidy(() => {
        const g = tf.tensor1d([3, 4]);
        const a = clipByNorm(g, 1);
        return [a.gradient.dataSync(), a.norm.dataSync(), clipByNorm(g, 10).gradient.dataSync()];
      });
      // PyTorch: coef = 1/(5 + 1e-6)
      expect(clipped![0]).toBeCloseTo(0.59999988, 6);
      expect(clipped![1]).toBeCloseTo(0.79999984, 6);
      expect(norm![0]).toBeCloseTo(5, 6);
      expect(Array.from(kept!)).toEqual([3, 4]);
    });
  });
});

it('clipByNorm rejects a non-positive max norm', () => {
  expect(() => clipByNorm(undefined as never, 0)).toThrow('clipByNorm: option "maxNorm" must be > 0, got 0');
});
