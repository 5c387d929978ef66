/**
 * Planted faults and healthy runs that were NOT used to choose the thresholds (other models,
 * rates, datasets and seeds 4–6): an honest check of the defaults. Same table as
 * planted-faults.ts.   npx tsx --conditions=source bench/held-out.ts [--verbose]
 */
import { initTensorflow } from '@losslens/core';
import { detectHealth, detectorNames } from '../src/index.js';
import { runScenario, scaleBlocks, type Scenario } from './scenarios.js';

await initTensorflow({ backend: 'wasm' });
const verbose = process.argv.includes('--verbose');
const times = (k: number) => (ds: Parameters<NonNullable<Scenario['data']>>[0]) => ({ ...ds, features: ds.features.map((v) => k * v) });
const lastKernel = (factor: number) => (theta: Float32Array, model: Parameters<NonNullable<Scenario['init']>>[1]) => {
  const b = model.layout.filter((x) => x.shape.length >= 2).at(-1);
  if (b !== undefined) for (let i = b.offset; i < b.offset + b.size; i++) theta[i] = (theta[i] as number) * factor;
};
const heldOut: readonly Scenario[] = [
  { kind: 'healthy', plant: 'nothing', dataset: 'moons', model: 'mlp:64x64:relu', optimizer: 'adam', learningRate: 0.001 },
  { kind: 'healthy', plant: 'nothing', dataset: 'iris', model: 'mlp:8:relu', optimizer: 'sgd', learningRate: 0.05 },
  { kind: 'healthy', plant: 'nothing', dataset: 'teacher', model: 'mlp:64:tanh', optimizer: 'rmsprop', learningRate: 0.001 },
  { kind: 'healthy', plant: 'nothing', dataset: 'spirals', model: 'mlp:64x64:tanh', optimizer: 'adam', learningRate: 0.003 },
  { kind: 'healthy', plant: 'nothing', dataset: 'cars', model: 'mlp:16:sigmoid', optimizer: 'sgd', learningRate: 0.05 },
  { kind: 'healthy', plant: 'nothing', dataset: 'penguins', model: 'mlp:32x32:elu', optimizer: 'adam', learningRate: 0.003 },
  { kind: 'vanishing-gradients', plant: '5 sigmoid layers', dataset: 'iris', model: 'mlp:32x32x32x32x32:sigmoid', optimizer: 'sgd', learningRate: 0.05 },
  { kind: 'exploding-gradients', plant: 'deep ReLU, kernels × 2', dataset: 'spirals', model: 'mlp:64x64x64x64x64x64:relu', optimizer: 'sgd', learningRate: 1e-4, init: scaleBlocks(/kernel/, 2) },
  { kind: 'dying-relu', plant: 'SGD rate 0.8 on ReLU', dataset: 'teacher', model: 'mlp:32x32:relu', optimizer: 'sgd', learningRate: 0.8 },
  { kind: 'saturation', plant: 'inputs × 30', dataset: 'iris', model: 'mlp:32:tanh', optimizer: 'adam', learningRate: 0.01, data: times(30) },
  { kind: 'learning-rate-too-small', plant: 'SGD rate 1e-6', dataset: 'iris', model: 'mlp:32:relu', optimizer: 'sgd', learningRate: 1e-6 },
  { kind: 'plateau', plant: 'all weights zero', dataset: 'teacher', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 0.01, init: (t) => t.fill(0) },
  { kind: 'initial-loss', plant: 'output kernel × 50', dataset: 'moons', model: 'mlp:32:tanh', optimizer: 'adam', learningRate: 0.01, init: lastKernel(50) },
  { kind: 'non-finite', plant: 'SGD rate 20', dataset: 'iris', model: 'mlp:32:relu', optimizer: 'sgd', learningRate: 20 },
  { kind: 'oscillating-loss', plant: 'momentum rate 0.3', dataset: 'moons', model: 'mlp:32:tanh', optimizer: 'momentum', learningRate: 0.3 },
  { kind: 'learning-rate-too-large', plant: 'SGD rate 3', dataset: 'penguins', model: 'mlp:32:tanh', optimizer: 'sgd', learningRate: 3 },
];
const seeds = [4, 5, 6];
const runs: { kind: string; fired: string[] }[] = [];
for (const s of heldOut) {
  for (const seed of seeds) {
    const fired = detectHealth(await runScenario(s, seed)).filter((d) => d.fired).map((d) => d.detector);
    runs.push({ kind: s.kind, fired });
    if (verbose) console.error(`${s.kind} ${s.dataset} ${s.model} ${s.optimizer} ${s.learningRate} seed ${seed}: ${fired.join(', ') || '—'}`);
  }
}
console.log(`held-out runs: ${runs.length} (${runs.filter((r) => r.kind === 'healthy').length} healthy), seeds ${seeds.join(', ')}\n`);
console.log('| fault kind | runs | recall | false alarms (healthy) |');
console.log('|---|---:|---:|---:|');
for (const kind of detectorNames) {
  const planted = runs.filter((r) => r.kind === kind);
  const recall = planted.length === 0 ? Number.NaN : planted.filter((r) => r.fired.includes(kind)).length / planted.length;
  const alarms = runs.filter((r) => r.kind === 'healthy' && r.fired.includes(kind)).length;
  console.log(`| ${kind} | ${planted.length} | ${Number.isFinite(recall) ? recall.toFixed(2) : '—'} | ${alarms} |`);
}
console.log(`\nhealthy runs with any detector fired: ${runs.filter((r) => r.kind === 'healthy' && r.fired.length > 0).length} of ${runs.filter((r) => r.kind === 'healthy').length}`);
