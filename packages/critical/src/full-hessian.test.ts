import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, expectNoLeaks, finiteDifferenceHessian, relativeError } from '@losslens/testing';
import { fullHessian } from './full-hessian.js';
import { denseForward, denseNetObjective, lectureObjective, randomTheta, tinyData, type Activation } from '../test/fixtures.js';

const cases: { activation: Activation; loss: 'mse' | 'crossentropy'; sizes: number[] }[] = [
  { activation: 'tanh', loss: 'mse', sizes: [3, 4, 2] },
  { activation: 'sigmoid', loss: 'mse', sizes: [3, 3, 2] },
  { activation: 'relu', loss: 'mse', sizes: [2, 4, 1] },
  { activation: 'tanh', loss: 'crossentropy', sizes: [3, 3, 3] },
  { activation: 'sigmoid', loss: 'crossentropy', sizes: [2, 3, 3] },
];

/** The smallest |pre-activation| of the hidden layer, to keep ±ε steps off ReLU kinks. */
const kinkMargin = (theta: Float32Array, x: Float32Array, sizes: number[]) =>
  tf.tidy(() => {
    const n = x.length / (sizes[0] as number);
    const hidden = denseForward(tf.tensor1d(theta), tf.tensor2d(x, [n, sizes[0] as number]), sizes.slice(0, 2), 'linear');
    return tf.min(tf.abs(hidden)).dataSync()[0] as number;
  });

describeBackends('fullHessian', () => {
  it('is [[0, −2], [−2, 0]] at the lecture saddle', () => {
    const H = fullHessian(lectureObjective(), Float32Array.of(0, 0));
    expect(Array.from(H.data)).toEqual([0, -2, -2, 0]);
    expect(H.asymmetry).toBe(0);
    expect(H.applications).toBe(2);
  });

  for (const { activation, loss, sizes } of cases) {
    it(`matches finite differences of gradients: ${activation} net, ${loss}`, async () => {
      const data = tinyData(8, sizes[0] as number, sizes[sizes.length - 1] as number, 11);
      const objective = denseNetObjective(sizes, activation, loss, data);
      let seed = 3;
      let theta = randomTheta(objective.parameterCount, seed);
      if (activation === 'relu') {
        // ε = 1e-3 moves a pre-activation by at most 1e-3·(|x| + 1) < 0.01: stay 0.02 away from the kink.
        while (kinkMargin(theta, data.x, sizes) < 0.02) theta = randomTheta(objective.parameterCount, ++seed);
      }
      const H = await expectNoLeaks(() => fullHessian(objective, theta));
      const reference = finiteDifferenceHessian((t) => objective.gradient(t), theta, 1e-3);
      expect(relativeError(H.data, reference.flat())).toBeLessThan(5e-4); // observed ~2e-5; a wrong second-order gradient is 30–80 % off
      // symmetric as assembled from independent columns up to float32 round-off
      expect(H.asymmetry).toBeLessThan(1e-5); // observed ~1e-7
    });
  }
});
