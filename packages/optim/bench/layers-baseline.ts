/**
 * tfjs-layers `model.fit` on the MNIST MLP 784-128-10, run in its own worker thread so it sees
 * stock TensorFlow.js (none of losslens's gradient registrations). A piscina task.
 */
import * as tf from '@tensorflow/tfjs';
import { builtinBackends } from '@losslens/core';

export interface LayersBaselineInput {
  features: Float32Array;
  labels: Float32Array;
  batchSize: number;
  epochs: number;
  learningRate: number;
  backend: string;
}

export default async function layersThroughput(input: LayersBaselineInput): Promise<{ samplesPerSecond: number; msPerEpoch: number; finalLoss: number }> {
  await builtinBackends.find((b) => b.name === input.backend)?.load();
  await tf.setBackend(input.backend);
  await tf.ready();
  const n = input.labels.length;
  const x = tf.tensor2d(input.features, [n, 784]);
  const y = tf.oneHot(tf.tensor1d(input.labels, 'int32'), 10);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(input.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(x, y, { batchSize: input.batchSize, epochs: 1, verbose: 0, shuffle: true }); // warm-up
  const start = performance.now();
  const h = await model.fit(x, y, { batchSize: input.batchSize, epochs: input.epochs, verbose: 0, shuffle: true });
  const ms = performance.now() - start;
  const losses = h.history['loss'] as number[];
  tf.dispose([x, y]);
  model.dispose();
  return { samplesPerSecond: (n * input.epochs) / (ms / 1000), msPerEpoch: ms / input.epochs, finalLoss: losses.at(-1) ?? Number.NaN };
}

