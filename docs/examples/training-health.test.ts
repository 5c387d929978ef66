import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { main } from './training-health.js';

beforeAll(async () => {
  await initTensorflow();
});

describe('training health example', () => {
  it('finds vanishing gradients from the first layer of a deep sigmoid net, and not in a ReLU net', async () => {
    const before = tf.memory().numTensors;
    const deep = await main();
    expect(tf.memory().numTensors).toBe(before);
    const vanishing = deep.detections.find((d) => d.detector === 'vanishing-gradients')!;
    expect(vanishing.fired).toBe(true);
    expect(vanishing.layers?.[0]).toBe('dense_1');
    expect(vanishing.value).toBeLessThan(vanishing.threshold);
    expect(deep.fired[0]).toMatch(/^vanishing gradients in layers 1–\d of 7/);
    expect(deep.table.split('\n')).toHaveLength(2 + deep.detections.length + 1);
    const relu = await main('mlp:16x16:relu');
    expect(relu.detections.find((d) => d.detector === 'vanishing-gradients')!.fired).toBe(false);
  });
});
