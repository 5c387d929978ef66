/**
 * Benchmark: the full Hessian spectrum of a P ≈ 2,000 model — P exact HVPs to assemble the dense
 * Hessian, then every eigenvalue (Householder tridiagonalization + implicit QL) — in seconds,
 * with P. Optionally (--vectors) also ml-matrix's EVD with eigenvectors, for comparison.
 *   pnpm --filter @losslens/critical bench   (or: npx tsx --conditions=source bench/full-spectrum.ts [--backend cpu] [--vectors])
 */
import { createRng, initTensorflow } from '@losslens/core';
import type { Dataset } from '@losslens/core';
import { createModel } from '@losslens/models';
import { datasetObjective, fullHessian, minimumRatio, symmetricEigen, symmetricEigenvalues } from '../src/index.js';
import { arg, report } from './common.js';

const backend = arg('backend', 'wasm');
const withVectors = process.argv.includes('--vectors');
await initTensorflow({ backend });
const rng = createRng(5);
const n = 256;
const inputs = 20;
const outputs = 3;
const data: Dataset = {
  name: 'random', task: 'classification', n, featureShape: [inputs],
  features: Float32Array.from({ length: n * inputs }, () => rng.normal()),
  targets: Float32Array.from({ length: n }, () => rng.int(outputs)),
  outputs, featureNames: Array.from({ length: inputs }, (_, i) => `x${i}`), targetName: 'y', origin: 'bench:random',
};
const model = createModel('mlp:48x16:tanh', { inputShape: [inputs], outputs, task: 'classification' });
const objective = datasetObjective(model, data, undefined, { batchSize: 'full' });
const theta = model.init(0);
const t0 = performance.now();
const hessian = fullHessian(objective, theta);
const t1 = performance.now();
const values = symmetricEigenvalues(hessian);
const t2 = performance.now();
const row: Record<string, string | number> = {
  model: 'mlp:48x16:tanh, 256 rows',
  parameters: model.parameterCount,
  hessianSeconds: (t1 - t0) / 1000,
  msPerHvp: (t1 - t0) / model.parameterCount,
  eigenvaluesSeconds: (t2 - t1) / 1000,
  totalSeconds: (t2 - t0) / 1000,
  smallest: values[0] as number,
  largest: values[values.length - 1] as number,
  minimumRatio: minimumRatio(values).value,
};
if (withVectors) {
  const t3 = performance.now();
  symmetricEigen(hessian);
  row['mlMatrixEvdWithVectorsSeconds'] = (performance.now() - t3) / 1000;
}
objective.dispose();
report(`Full spectrum, backend ${backend}`, [row], { benchmark: 'full-spectrum', backend, ...row });
