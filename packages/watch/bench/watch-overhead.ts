/**
 * What watch() costs: the same tfjs-layers `model.fit` (an MLP 64-128-64-10, 4096 rows, batch
 * 32, 128 updates an epoch, 2 epochs a run) with and without `watch()` at its defaults (every epoch, probe 128
 * rows, 4 sampled updates an epoch). wasm backend (WATCH_BENCH_BACKEND=cpu for the other). Runs alternate, 3 pairs after a warm-up; the ratio is the
 * median of the pairs' epoch-time ratios. Target ≤ 1.10. Prints a table and a JSON line.
 * Run: `pnpm --filter @losslens/watch bench`.
 */
import * as tf from '@tensorflow/tfjs';
import { builtinBackends } from '@losslens/core';
import { watch } from '../src/index.js';

const ROWS = 4096;
const EPOCHS = 2;
const PAIRS = 3;
const BACKEND = process.env.WATCH_BENCH_BACKEND ?? 'wasm'; // losslens's default in Node

await builtinBackends.find((b) => b.name === BACKEND)?.load();
await tf.setBackend(BACKEND);
await tf.ready();
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

/** Wraps the watcher's callback methods to add up the time spent inside them. */
function instrument(watcher: ReturnType<typeof watch>): { ms: number } {
  const spent = { ms: 0 };
  for (const name of ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'] as const) {
    const original = watcher[name] as (...args: unknown[]) => Promise<void>;
    (watcher as unknown as Record<string, unknown>)[name] = async function (this: unknown, ...args: unknown[]) {
      const t = performance.now();
      await original.apply(this, args);
      spent.ms += performance.now() - t;
    };
  }
  return spent;
}

let inside: number[] = [];
async function timed(watched: boolean): Promise<number> {
  const { model, optimizer } = build();
  const watcher = watched ? watch({ tf, probe: { x, y } }) : undefined;
  const spent = watcher ? instrument(watcher) : undefined;
  const start = performance.now();
  await model.fit(x, y, { epochs: EPOCHS, batchSize: 32, verbose: 0, ...(watcher ? { callbacks: [watcher] } : {}) });
  const total = performance.now() - start;
  const ms = total / EPOCHS;
  if (spent !== undefined) inside.push(spent.ms / (total - spent.ms));
  if (watcher !== undefined && watcher.signals().epochs.length !== EPOCHS + 1) throw new Error('the watcher did not record every epoch');
  watcher?.dispose();
  model.dispose();
  optimizer.dispose();
  return ms;
}

await timed(false); // warm-up: kernels, lazily made tensors
await timed(true);
inside = [];
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
// The A/B ratio swings with other load on the machine; the time inside the watcher's own hooks,
// measured in the same run, does not: 1 + (time in watch) / (the rest of the epoch).
const share = [...inside].sort((a, b) => a - b)[Math.floor(inside.length / 2)] as number;
console.log(`time inside watch(): ${(100 * share).toFixed(1)} % of the rest of the epoch → in-run ratio ${(1 + share).toFixed(3)}`);
console.log(JSON.stringify({ bench: 'watch-overhead', backend: tf.getBackend(), rows: ROWS, batchSize: 32, epochs: EPOCHS, pairs, medianRatio: median, inRunRatio: 1 + share, target: 1.1 }));
tf.dispose([x, y]);
