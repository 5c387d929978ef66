/**
 * Benchmark: worker-pool speed-up of a batch-size study with 4 trials (MNIST subset,
 * MLP 784-128-10, wasm): `workers: 2` vs `workers: 1` (in this thread), same seed.
 * Prints a table and a JSON line.
 *   npx tsx --conditions=source bench/batch-study-pool.ts [--rows 3000] [--epochs 2] [--synthetic]
 */
import { initTensorflow } from '@losslens/core';
import { syntheticMnist } from './synthetic-mnist.js';
import { loadMnist } from '@losslens/data';
import { batchStudy } from '../src/index.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const rows = Number(arg('rows', '3000'));
const epochs = Number(arg('epochs', '2'));
const backend = arg('backend', 'wasm');
await initTensorflow({ backend });
const train = process.argv.includes('--synthetic') ? syntheticMnist(rows, 1) : await loadMnist({ n: rows });
const options = { model: 'mlp:128:relu', train, batchSizes: [32, 64, 128, 256], epochs, learningRate: 0.05, seed: 1 };

const timed = async (workers: number) => {
  const start = performance.now();
  const result = await batchStudy({ ...options, workers });
  return { workers: result.workers, ms: performance.now() - start, losses: result.runs.map((r) => r.train.loss) };
};
const one = await timed(1);
const two = await timed(2);
const speedUp = one.ms / two.ms;
console.log(`batch-size study: 4 trials (batch ${options.batchSizes.join(', ')}), ${rows} MNIST rows, ${epochs} epochs, ${backend}`);
console.log('| workers | wall ms | final train losses |');
console.log('|---:|---:|---|');
for (const r of [one, two]) console.log(`| ${r.workers} | ${r.ms.toFixed(0)} | ${r.losses.map((l) => l.toFixed(4)).join(', ')} |`);
console.log(`speed-up 2 workers vs 1: ${speedUp.toFixed(2)}× (target ≥ 1.7× on 2 free cores)`);
console.log(JSON.stringify({ benchmark: 'batch-study-pool', rows, epochs, backend, oneWorkerMs: one.ms, twoWorkersMs: two.ms, speedUp }));
