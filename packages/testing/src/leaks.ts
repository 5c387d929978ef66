import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `work` and throws if it leaves tensors behind (compares `tf.memory().numTensors`).
 * @example
 * await expectNoLeaks(() => model.apply(theta, x).dispose());
 */
export async function expectNoLeaks<T>(work: () => T | Promise<T>, label = 'work'): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await work();
  const after = tf.memory().numTensors;
  if (after !== before) {
    throw new Error(`${label} leaked ${after - before} tensor(s): ${before} live before, ${after} after`);
  }
  return result;
}
