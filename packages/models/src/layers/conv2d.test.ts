import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { InputError } from '@losslens/core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { sequentialModel } from '../sequential.js';
import type { Conv2DConfig } from './layer.js';

const cases: { title: string; shape: [number, number, number]; config: Conv2DConfig }[] = [
  { title: '3×3 valid', shape: [5, 6, 2], config: { type: 'conv2d', filters: 3, kernelSize: 3 } },
  { title: '3×2 same', shape: [5, 5, 2], config: { type: 'conv2d', filters: 2, kernelSize: [3, 2], padding: 'same' } },
  { title: '3×3 stride 2 valid', shape: [7, 6, 1], config: { type: 'conv2d', filters: 2, kernelSize: 3, strides: 2 } },
  { title: '2×2 stride 2 same (odd input)', shape: [5, 5, 3], config: { type: 'conv2d', filters: 4, kernelSize: 2, strides: 2, padding: 'same' } },
  { title: '4×4 stride 3 same', shape: [8, 7, 2], config: { type: 'conv2d', filters: 2, kernelSize: 4, strides: [3, 2], padding: 'same' } },
];

describeBackends('conv2d from patches', () => {
  for (const c of cases) {
    it(`${c.title} equals tf.conv2d + bias`, async () => {
      await expectNoLeaks(() => {
        const model = sequentialModel([c.config, { type: 'flatten' }], { inputShape: c.shape });
        const theta = model.init(3);
        const bias = Float32Array.from({ length: c.config.filters }, (_, i) => 0.1 * (i + 1));
        theta.set(bias, model.layout[1]!.offset);
        const [ours, reference] = tf.tidy(() => {
          const x = tf.randomNormal([2, ...c.shape], 0, 1, 'float32', 5) as tf.Tensor4D;
          const kernelBlock = model.layout[0]!;
          const kernel = tf.tensor4d(theta.subarray(0, kernelBlock.size), kernelBlock.shape as [number, number, number, number]);
          const strides = c.config.strides ?? 1;
          const expected = tf.add(tf.conv2d(x, kernel, strides as [number, number], c.config.padding ?? 'valid'), tf.tensor1d(bias));
          return [model.apply(tf.tensor1d(theta), x).dataSync(), tf.reshape(expected, [2, -1]).dataSync()];
        });
        expect(ours.length).toBe(reference.length);
        ours.forEach((v, i) => expect(v).toBeCloseTo(reference[i]!, 4));
      });
    });
  }
});

it('rejects inputs that are not images and kernels larger than the input', () => {
  expect(() => sequentialModel([{ type: 'conv2d', filters: 2, kernelSize: 3 }], { inputShape: [9] })).toThrow(
    /layer conv2d_1: Conv2D needs \[height, width, channels\] inputs, got \[9\]/,
  );
  try {
    sequentialModel([{ type: 'conv2d', filters: 2, kernelSize: 5 }, { type: 'flatten' }], { inputShape: [3, 3, 1], spec: 'tiny' });
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('E_SHAPE');
    expect((error as Error).message).toBe('model spec "tiny": layer conv2d_1: a 5×5 kernel does not fit its 3×3 input');
  }
});
