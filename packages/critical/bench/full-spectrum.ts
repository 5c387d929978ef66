/**
 * Benchmark: the full Hessian spectrum of a P ≈ 2,000 model — P exact HVPs to assemble the dense
 * Hessian, then every eigenvalue (blocked Householder tridiagonalization + implicit QL) — in
 * seconds, with P; and, in the same run, each step against the way it was done before (one HVP
 * per column; the unblocked tridiagonalization), as ratios. Optionally (--vectors) also
 * ml-matrix's EVD with eigenvectors.
 *   pnpm --filter @losslens/critical bench   (or: npx tsx --conditions=source bench/full-spectrum.ts [--backend cpu] [--vectors])
 */
import { createRng, initTensorflow } from '@losslens/core';
import type { Dataset } from '@losslens/core';
import { createModel } from '@losslens/models';
import {
  datasetObjective, denseFromOperator, fullHessian, hessianOperator, minimumRatio, symmetricEigen, symmetricEigenvalues, tridiagonalEigen,
} from '../src/index.js';
import { unblockedTridiagonalize } from '../test/unblocked-tridiagonalize.js';
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
const seconds = (work: () => unknown) => {
  const start = performance.now();
  work();
  return (performance.now() - start) / 1000;
};
objective.hvpMany?.(theta, [new Float32Array(model.parameterCount)]); // warm-up
let hessian = fullHessian(objective, theta);
const hessianSeconds = seconds(() => (hessian = fullHessian(objective, theta)));
const { applyMany: _batched, ...perColumn } = hessianOperator(objective, theta);
const perColumnHessianSeconds = seconds(() => denseFromOperator({ size: perColumn.size, apply: (v) => perColumn.apply(v), applications: 0 }));
let values: Float64Array = new Float64Array(0);
const eigenvaluesSeconds = seconds(() => (values = symmetricEigenvalues(hessian)));
const unblockedEigenvaluesSeconds = seconds(() => {
  const t = unblockedTridiagonalize(hessian);
  tridiagonalEigen(t.diagonal, t.offDiagonal, { vectors: false });
});
const row: Record<string, string | number> = {
  model: 'mlp:48x16:tanh, 256 rows',
  parameters: model.parameterCount,
  hessianSeconds,
  msPerHvp: (hessianSeconds * 1000) / model.parameterCount,
  perColumnHessianSeconds,
  hessianSpeedup: perColumnHessianSeconds / hessianSeconds,
  eigenvaluesSeconds,
  unblockedEigenvaluesSeconds,
  eigenvaluesSpeedup: unblockedEigenvaluesSeconds / eigenvaluesSeconds,
  totalSeconds: hessianSeconds + eigenvaluesSeconds,
  smallest: values[0] as number,
  largest: values[values.length - 1] as number,
  minimumRatio: minimumRatio(values).value,
};
if (withVectors) row['mlMatrixEvdWithVectorsSeconds'] = seconds(() => symmetricEigen(hessian));
objective.dispose();
report(`Full spectrum, backend ${backend} (speedups: the previous way / this way, same run)`, [row], { benchmark: 'full-spectrum', backend, ...row });
