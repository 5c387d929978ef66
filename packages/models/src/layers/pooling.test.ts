import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { sequentialModel } from '../sequential.js';
import type { Pool2DConfig } from './layer.js';

const cases: { shape: [number, number, number]; config: Pool2DConfig }[] = [
  { shape: [4, 6, 2], config: { type: 'maxPool2d', poolSize: 2 } },
  { shape: [5, 7, 2], config: { type: 'maxPool2d', poolSize: 2 } },
  { shape: [5, 7, 2], config: { type: 'maxPool2d', poolSize: [2, 3], padding: 'same' } },
  { shape: [6, 6, 1], config: { type: 'avgPool2d', poolSize: 3 } },
  { shape: [5, 7, 2], config: { type: 'avgPool2d', poolSize: 2, padding: 'same' } },
  { shape: [7, 5, 3], config: { type: 'avgPool2d', poolSize: [3, 2], padding: 'valid' } },
];

describeBackends('pooling from reshape + reduce', () => {
  for (const { shape, config } of cases) {
    const title = `${config.type} ${JSON.stringify(config.poolSize)} ${config.padding ?? 'valid'} on ${shape.join('×')}`;
    it(`${title} equals tf.${config.type === 'maxPool2d' ? 'maxPool' : 'avgPool'}`, async () => {
      await expectNoLeaks(() => {
        const model = sequentialModel([config, { type: 'flatten' }], { inputShape: shape });
        expect(model.parameterCount).toBe(0);
        const [ours, reference] = tf.tidy(() => {
          const x = tf.randomNormal([2, ...shape], 0, 1, 'float32', 9) as tf.Tensor4D;
          const pool = config.type === 'maxPool2d' ? tf.maxPool : tf.avgPool;
          const size = config.poolSize as number | [number, number];
          const expected = pool(x, size, size, config.padding ?? 'valid');
          return [model.apply(tf.tensor1d([]), x).dataSync(), tf.reshape(expected, [2, -1]).dataSync()];
        });
        expect(ours.length).toBe(reference.length);
        ours.forEach((v, i) => expect(v).toBeCloseTo(reference[i]!, 5));
      });
    });
  }
});

it('overlapping windows are refused with a message naming the layer', () => {
  expect(() =>
    sequentialModel([{ type: 'maxPool2d', poolSize: 3, strides: 2 }, { type: 'flatten' }], { inputShape: [6, 6, 1], spec: 'p' }),
  ).toThrow('model spec "p": layer max_pooling2d_1: MaxPooling2D with pool 3×3 and strides 2×2 is not supported; only strides equal to the pool size');
});
