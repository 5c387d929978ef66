/**
 * Cost of second-order safety for convolutions: losslens's conv2d built from patches + matMul
 * (which has gradients and HVPs on every backend) beside tf.conv2d (whose filter gradient does
 * not exist on wasm). Forward pass and gradient of a loss w.r.t. θ, MNIST-sized batch of 32,
 * 8 filters 3×3. Run with `pnpm bench` (or `npx vitest bench --run` in packages/models).
 */
import { bench, describe } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { sequentialModel } from '../src/sequential.js';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`conv2d 32×28×28×1 → 8@3×3 [${backend}]`, async () => {
    await initTensorflow({ backend });
    const model = sequentialModel([{ type: 'conv2d', filters: 8, kernelSize: 3 }, { type: 'flatten' }], { inputShape: [28, 28, 1] });
    const theta = tf.tensor1d(model.init(0));
    const x = tf.randomNormal([32, 28, 28, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    const kernel = tf.randomNormal([3, 3, 1, 8], 0, 0.1, 'float32', 2) as tf.Tensor4D;
    const setBackend = async () => {
      await initTensorflow({ backend });
    };
    bench('patches forward', () => tf.tidy(() => void model.apply(theta, x).dataSync()), { setup: setBackend });
    bench('tf.conv2d forward', () => tf.tidy(() => void tf.conv2d(x, kernel, 1, 'valid').dataSync()), { setup: setBackend });
    bench(
      'patches gradient w.r.t. θ',
      () => tf.tidy(() => void tf.grad((t: tf.Tensor) => tf.mean(tf.square(model.apply(t as tf.Tensor1D, x))))(theta).dataSync()),
      { setup: setBackend },
    );
    if (backend === 'cpu') {
      bench(
        'tf.conv2d gradient w.r.t. kernel',
        () => tf.tidy(() => void tf.grad((k: tf.Tensor) => tf.mean(tf.square(tf.conv2d(x, k as tf.Tensor4D, 1, 'valid'))))(kernel).dataSync()),
        { setup: setBackend },
      );
    }
  });
}
