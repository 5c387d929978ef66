/**
 * What watch() costs: the same tfjs-layers `model.fit` (an MLP 64-128-64-10, 4096 rows, batch
 * 32, 128 updates an epoch) with and without `watch()` at its defaults (every epoch, probe 128
 * rows, 4 sampled updates an epoch). Runs alternate, 5 pairs after a warm-up; the ratio is the
 * median of the pairs' epoch-time ratios. Target ≤ 1.10. Prints a table and a JSON line.
 * Run: `pnpm --filter @losslens/watch bench`.
 */
import * as tf from '@tensorflow/tfjs';
import { watch } from '../src/index.js';

const ROWS = 4096;
const EPOCHS = 4;
const PAIRS = 5;

const x = tf.randomNormal([ROWS, 64], 0, 1, 'float32', 1);
const y = tf.tidy(() => tf.oneHot(tf.argMax(tf.matMul(x, tf.randomNormal([64, 10], 0, 1, 'float32', 2)), 1), 10));

function build() {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 128, activation: 'relu', inputShape: [64] }),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  const optimizer = tf.train.adam(0.001);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return { model, optimizer };
}

async function timed(watched: boolean): Promise<number> {
  const { model, optimizer } = build();
  const watcher = watched ? watch({ tf, probe: { x, y } }) : undefined;
  const start = performance.now();
  await model.fit(x, y, { epochs: EPOCHS, batchSize: 32, verbose: 0, ...(watcher ? { callbacks: [watcher] } : {}) });
  const ms = (performance.now() - start) / EPOCHS;
  if (watcher !== undefined && watcher.signals().epochs.length !== EPOCHS + 1) throw new Error('the watcher did not record every epoch');
  watcher?.dispose();
  model.dispose();
  optimizer.dispose();
  return ms;
}

await tf.ready();
await timed(false); // warm-up: kernels, lazily made tensors
await timed(true);
const pairs: { plain: number; watched: number; ratio: number }[] = [];
for (let i = 0; i < PAIRS; i++) {
  const plain = await timed(false);
  const watched = await timed(true);
  pairs.push({ plain, watched, ratio: watched / plain });
}
const ratios = pairs.map((p) => p.ratio).sort((a, b) => a - b);
const median = ratios[Math.floor(ratios.length / 2)] as number;
console.log(`backend ${tf.getBackend()}, ${ROWS} rows, batch 32, ${EPOCHS} epochs a run, ${PAIRS} pairs`);
console.log('| pair | ms/epoch without watch | ms/epoch with watch | ratio |');
console.log('|---:|---:|---:|---:|');
pairs.forEach((p, i) => console.log(`| ${i + 1} | ${p.plain.toFixed(1)} | ${p.watched.toFixed(1)} | ${p.ratio.toFixed(3)} |`));
console.log(`median ratio ${median.toFixed(3)} (target ≤ 1.10): ${median <= 1.1 ? 'within' : 'ABOVE'} target`);
console.log(JSON.stringify({ bench: 'watch-overhead', backend: tf.getBackend(), rows: ROWS, batchSize: 32, epochs: EPOCHS, pairs, medianRatio: median, target: 1.1 }));
tf.dispose([x, y]);
