/**
 * Training health: record a run's per-layer signals through fit hooks, run the detectors, and
 * read the findings — here a six-layer sigmoid network whose first layers get almost no gradient.
 */
// #region main
import { initTensorflow } from '@losslens/core';
import { makeTwoMoons } from '@losslens/data';
import { detectHealth, formatDetections, recordHealth } from '@losslens/health';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';

/** Trains `spec` on two moons with plain SGD and returns what the health detectors say. */
export async function main(spec = 'mlp:16x16x16x16x16x16:sigmoid') {
  await initTensorflow();
  const train = makeTwoMoons({ n: 200, seed: 1, noise: 0.15 });
  const model = createModel(spec, { inputShape: [2], outputs: 2, task: 'classification' });
  const recorder = recordHealth({ model, probe: train }); // probe batch: the first 200 rows
  const result = await fit({ model, train, optimizer: 'sgd', learningRate: 0.1, epochs: 10, batchSize: 32, hooks: recorder.hooks });
  const signals = await recorder.finish(result); // epoch 0 (θ₀) and one entry per epoch
  const detections = detectHealth(signals);
  return {
    fired: detections.filter((d) => d.fired).map((d) => d.finding),
    // e.g. "vanishing gradients in layers 1–4 of 7 (dense_1, …): gradient norm down to 0.0008 × the output layer's, below 0.03"
    table: formatDetections(detections), // detector | fired | value | threshold | finding
    detections,
  };
}
// #endregion main
