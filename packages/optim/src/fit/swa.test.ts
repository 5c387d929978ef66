import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { createWeightAverage } from './swa.js';

describeBackends('createWeightAverage', () => {
  it('equals the arithmetic mean of the vectors added', async () => {
    await expectNoLeaks(() => {
      const swa = createWeightAverage();
      expect(swa.values()).toBeUndefined();
      for (const v of [[1, 2], [3, -2], [8, 6]]) {
        const t = tf.tensor1d(v);
        swa.add(t);
        t.dispose();
      }
      // ((1 + 3 + 8) / 3, (2 − 2 + 6) / 3)
      expect(Array.from(swa.values()!)).toEqual([4, 2]);
      expect(swa.count).toBe(3);
      swa.dispose();
    });
  });
});
