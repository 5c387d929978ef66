/**
 * Profile (not a test): where one training step's time goes — `fit` on 2,560 MNIST rows, the MLP
 * 784-128-10, batch 256, SGD, 10 steps under `tf.profile`: wall ms per step, kernels per step,
 * kernel ms per step, and the kernels that take the most time, with their input shapes.
 *   npx tsx --conditions=source bench/fit-step-profile.ts [--backend cpu]
 */
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
import { loadMnist, subset } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit } from '../src/index.js';

const i = process.argv.indexOf('--backend');
await initTensorflow({ backend: i >= 0 ? (process.argv[i + 1] ?? 'wasm') : 'wasm' });
const mnist = await loadMnist();
const steps = 10;
const train = subset(mnist, Array.from({ length: 256 * steps }, (_, r) => r));
const model = createModel('mlp:128:relu', { inputShape: mnist.featureShape, outputs: 10, task: 'classification' });
const options = { model, train, optimizer: 'sgd' as const, learningRate: 0.1, batchSize: 256, finalEvaluation: false, divergence: false as const, epochs: 1 };
await fit(options); // warm-up
const started = performance.now();
await fit(options);
const wall = performance.now() - started;
const info = await tf.profile(async () => {
  await fit(options);
  return tf.scalar(0);
});
const byKernel = new Map<string, { ms: number; count: number }>();
for (const k of info.kernels) {
  const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
  const entry = byKernel.get(key) ?? { ms: 0, count: 0 };
  entry.ms += Number(k.kernelTimeMs);
  entry.count++;
  byKernel.set(key, entry);
}
const kernelMs = info.kernels.reduce((s, k) => s + Number(k.kernelTimeMs), 0);
console.log(`fit, batch 256, ${steps} steps, backend ${tf.getBackend()}: wall ${(wall / steps).toFixed(1)} ms/step; ${(info.kernels.length / steps).toFixed(0)} kernels/step taking ${(kernelMs / steps).toFixed(1)} ms/step`);
for (const [key, e] of [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
  console.log(`${(e.ms / steps).toFixed(2).padStart(7)} ms/step  ${(e.count / steps).toFixed(1)}×  ${key}`);
}
