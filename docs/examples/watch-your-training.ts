/**
 * Diagnose the model you already train: your own tf.sequential() and model.fit, with watch()
 * recording the health signals and earlyStopping restoring the best weights; then the diagnosis.
 */
// #region main
import * as tf from '@tensorflow/tfjs';
import { earlyStopping, watch } from '@losslens/watch';

/** Trains a small tanh network on y = sin(3x) with your own model.fit, watched; returns the diagnosis. */
export async function main(options: { learningRate?: number; epochs?: number; html?: string } = {}) {
  const { x, y } = tf.tidy(() => {
    const x = tf.randomUniform([256, 1], -1, 1, 'float32', 1);
    return { x, y: tf.sin(x.mul(3)) };
  });
  const net = tf.sequential({
    layers: [tf.layers.dense({ units: 16, activation: 'tanh', inputShape: [1] }), tf.layers.dense({ units: 16, activation: 'tanh' }), tf.layers.dense({ units: 1 })],
  });
  const optimizer = tf.train.adam(options.learningRate ?? 0.02);
  net.compile({ optimizer, loss: 'meanSquaredError' });

  const watcher = watch({ tf, probe: { x, y }, report: options.html ? { html: options.html } : {} }); // probe: first 128 rows
  const stop = earlyStopping({ tf, monitor: 'val_loss', patience: 10, restoreBestWeights: true });
  await net.fit(x, y, { epochs: options.epochs ?? 60, batchSize: 32, validationSplit: 0.25, verbose: 0, callbacks: [watcher, stop] });

  const { detections, markdown } = await watcher.diagnose(); // the health detectors on your run
  console.log(markdown); // | detector | fired | value | threshold | finding |
  tf.dispose([x, y]);
  net.dispose();
  optimizer.dispose(); // Adam's moments are the optimizer's, not the model's
  return { fired: detections.filter((d) => d.fired).map((d) => d.detector), detections, markdown, best: stop.best };
}
// #endregion main
