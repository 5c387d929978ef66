/**
 * Benchmark: exact Hessian-vector product (double backprop) time / gradient time on the MNIST
 * MLP 784-128-10, one batch of 512 real MNIST digits, on one backend (default wasm).
 * Target: ≤ 2.5× (the textbook cost of an HVP is 2–4 gradients).
 *   pnpm --filter @losslens/critical bench   (or: npx tsx --conditions=source bench/hvp-cost.ts [--backend cpu] [--repeats 15])
 */
import { createRng, initTensorflow } from '@losslens/core';
import { loadMnist, subset } from '@losslens/data';
import { createModel } from '@losslens/models';
import { datasetObjective } from '../src/index.js';
import { arg, interleavedMedians, report } from './common.js';

const backend = arg('backend', 'wasm');
const repeats = Number(arg('repeats', '15'));
await initTensorflow({ backend });
const mnist = await loadMnist();
const batch = subset(mnist, Array.from({ length: 512 }, (_, i) => i));
const rows: Record<string, string | number>[] = [];
for (const activation of ['relu', 'tanh']) {
  const model = createModel(`mlp:128:${activation}`, { inputShape: mnist.featureShape, outputs: 10, task: 'classification' });
  const objective = datasetObjective(model, batch, undefined, { batchSize: 'full' });
  const theta = model.init(0);
  const rng = createRng(1);
  const v = Float32Array.from({ length: model.parameterCount }, () => rng.normal());
  const [gradientMs = Number.NaN, hvpMs = Number.NaN] = interleavedMedians([() => objective.lossAndGradient(theta), () => objective.hvp(theta, v)], repeats);
  rows.push({ model: `784-128-10 ${activation}`, parameters: model.parameterCount, batch: 512, gradientMs, hvpMs, ratio: hvpMs / gradientMs, target: '≤ 2.5' });
  objective.dispose();
}
report(`HVP / gradient time, backend ${backend}, median of ${repeats}`, rows, { benchmark: 'hvp-cost', backend, repeats, rows });
