/**
 * Benchmark: training throughput (samples/s) of losslens `fit` vs tfjs-layers `model.fit`
 * on the MNIST MLP 784-128-10, batch 256, SGD, same data and backend (default wasm), in one run.
 * tfjs-layers runs in a worker thread with stock TensorFlow.js; losslens in this thread after
 * `initTensorflow` (which registers its gradients, including core's explicit-transpose
 * BatchMatMul gradient). Each trainer runs `--repeats` times (default 2) and the best run counts
 * (the machine is shared). Prints a table and JSON.
 *   pnpm --filter @losslens/optim bench   (or: npx tsx --conditions=source bench/fit-throughput.ts [--backend cpu] [--epochs 3])
 */
import { Piscina } from 'piscina';
import { initTensorflow } from '@losslens/core';
import { syntheticMnist } from './synthetic-mnist.js';
import { loadMnist } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit } from '../src/index.js';
import layersThroughput, { type LayersBaselineInput } from './layers-baseline.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const backend = arg('backend', 'wasm');
const epochs = Number(arg('epochs', '3'));
const repeats = Number(arg('repeats', '2'));
const batchSize = 256;
const learningRate = 0.1;

// --synthetic: random data of MNIST's shape (throughput does not depend on the pixel values).
const train = process.argv.includes('--synthetic') ? syntheticMnist(10_000, 1) : await loadMnist();
const input: LayersBaselineInput = { features: train.features, labels: train.targets, batchSize, epochs, learningRate, backend };

const fromSource = import.meta.url.endsWith('.ts');
const baseline = new Piscina({
  filename: new URL(fromSource ? './layers-baseline.ts' : './layers-baseline.js', import.meta.url).href,
  ...(fromSource ? { execArgv: ['--conditions=source', '--import', 'tsx'] } : {}),
  maxThreads: 1,
});
type Row = { samplesPerSecond: number; msPerEpoch: number; finalLoss: number };
const best = (rows: Row[]): Row => rows.reduce((a, b) => (b.samplesPerSecond > a.samplesPerSecond ? b : a));
const layersRuns: Row[] = [];
for (let r = 0; r < repeats; r++) layersRuns.push((await baseline.run(input)) as Row);
const layers = best(layersRuns);
await baseline.destroy();

await initTensorflow({ backend });
const model = createModel('mlp:128:relu', { inputShape: train.featureShape, outputs: 10, task: 'classification' });
const common = { model, train, optimizer: 'sgd' as const, learningRate, batchSize, finalEvaluation: false, divergence: false as const };
const losslensRun = async (): Promise<Row> => {
  await fit({ ...common, epochs: 1 }); // warm-up
  const runs: Row[] = [];
  for (let r = 0; r < repeats; r++) {
    const result = await fit({ ...common, epochs });
    const ms = result.history.reduce((s, h) => s + h.msPerEpoch, 0);
    runs.push({ samplesPerSecond: (train.n * epochs) / (ms / 1000), msPerEpoch: ms / epochs, finalLoss: result.history.at(-1)?.trainLoss ?? Number.NaN });
  }
  return best(runs);
};
const losslens = await losslensRun();
// tfjs-layers in this thread too: it then shares losslens's gradient registrations (and thread).
const layersHereRuns: Row[] = [];
for (let r = 0; r < repeats; r++) layersHereRuns.push(await layersThroughput(input));
const layersHere = best(layersHereRuns);

const rows = [
  ['tfjs-layers model.fit (stock tfjs, worker thread)', layers],
  ['tfjs-layers model.fit (main thread, after initTensorflow)', layersHere],
  ['losslens fit', losslens],
] as const;
console.log(`MNIST MLP 784-128-10, ${train.n} rows, batch ${batchSize}, SGD lr ${learningRate}, ${epochs} epochs, backend ${backend}`);
console.log('| trainer | samples/s | ms/epoch | last epoch loss |');
console.log('|---|---:|---:|---:|');
for (const [name, r] of rows) console.log(`| ${name} | ${r.samplesPerSecond.toFixed(0)} | ${r.msPerEpoch.toFixed(0)} | ${r.finalLoss.toFixed(4)} |`);
const ratio = losslens.samplesPerSecond / layers.samplesPerSecond;
console.log(`ratio losslens/tfjs-layers: ${ratio.toFixed(2)}× (target ≥ 1.5×)`);
console.log(JSON.stringify({ benchmark: 'fit-throughput', backend, batchSize, epochs, repeats, rows: train.n, layers, layersHere, losslens, ratio }));
