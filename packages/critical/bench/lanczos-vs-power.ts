/**
 * Benchmark: Hessian-vector products needed for the top eigenvalue to 1e-4 relative accuracy,
 * Lanczos (full reorthogonalization) vs power iteration, on the same model and θ.
 *  1. a P ≈ 1,800 tanh MLP on 256 random rows: reference = dense Hessian eigendecomposition;
 *  2. the MNIST MLP 784-128-10 (relu and tanh), 512 real digits: reference = 150 Lanczos steps
 *     (its residual bounds the reference's own error).
 * Target: Lanczos ≤ 30 HVPs and fewer than power iteration. Prints a table and JSON.
 *   pnpm --filter @losslens/critical bench   (or: npx tsx --conditions=source bench/lanczos-vs-power.ts [--backend cpu])
 */
import { createRng, initTensorflow } from '@losslens/core';
import type { Dataset } from '@losslens/core';
import { loadMnist, subset } from '@losslens/data';
import { createModel } from '@losslens/models';
import { datasetObjective, fullHessian, hessianOperator, lanczos, powerIteration, symmetricEigenvalues } from '../src/index.js';
import type { ThetaObjective } from '../src/index.js';
import { arg, report } from './common.js';

const backend = arg('backend', 'wasm');
const accuracy = 1e-4;
await initTensorflow({ backend });

/** First 1-based index whose estimate is within `accuracy` of `reference` (relative), or NaN. */
const firstWithin = (history: readonly number[], reference: number) => {
  const k = history.findIndex((value) => Math.abs(value - reference) <= accuracy * Math.abs(reference));
  return k < 0 ? Number.NaN : k + 1;
};

const rows: Record<string, string | number>[] = [];
const measure = (name: string, objective: ThetaObjective, theta: Float32Array, reference: number, referenceNote: string) => {
  const l = lanczos(hessianOperator(objective, theta), { top: 1, bottom: 0, maxSteps: 100, tolerance: 1e-7, residuals: 'estimate' });
  const p = powerIteration(hessianOperator(objective, theta), { which: 'magnitude', tolerance: 1e-7, maxIterations: 500 });
  // with their own default stopping rules (residual ≤ 1e-4·|λ| for both)
  const lDefault = lanczos(hessianOperator(objective, theta), { top: 1, bottom: 0, residuals: 'estimate' });
  const pDefault = powerIteration(hessianOperator(objective, theta), { which: 'magnitude' });
  rows.push({
    model: name,
    parameters: objective.parameterCount,
    topEigenvalue: reference,
    reference: referenceNote,
    lanczosHvps: firstWithin(l.topHistory, reference),
    powerHvps: firstWithin(p.history, reference),
    lanczosStopsAt: lDefault.steps,
    powerStopsAt: pDefault.applications,
  });
};

// 1. P ≈ 1,800 with a dense reference
{
  const rng = createRng(3);
  const n = 256;
  const inputs = 16;
  const data: Dataset = {
    name: 'random', task: 'regression', n, featureShape: [inputs],
    features: Float32Array.from({ length: n * inputs }, () => rng.normal()),
    targets: Float32Array.from({ length: n * 4 }, () => rng.normal()),
    outputs: 4, featureNames: Array.from({ length: inputs }, (_, i) => `x${i}`), targetName: 'y', origin: 'bench:random',
  };
  const model = createModel('mlp:40x24:tanh', { inputShape: [inputs], outputs: 4 });
  const objective = datasetObjective(model, data, undefined, { batchSize: 'full' });
  const theta = model.init(0);
  const values = symmetricEigenvalues(fullHessian(objective, theta));
  measure('mlp:40x24:tanh, 256 rows', objective, theta, values[values.length - 1] as number, 'dense eigendecomposition');
  objective.dispose();
}

// 2. MNIST MLP, batch 512
const mnist = await loadMnist();
const batch = subset(mnist, Array.from({ length: 512 }, (_, i) => i));
for (const activation of ['relu', 'tanh']) {
  const model = createModel(`mlp:128:${activation}`, { inputShape: mnist.featureShape, outputs: 10, task: 'classification' });
  const objective = datasetObjective(model, batch, undefined, { batchSize: 'full' });
  const theta = model.init(0);
  const long = lanczos(hessianOperator(objective, theta), { top: 1, bottom: 0, maxSteps: 150, tolerance: 1e-9, seed: 99 });
  const top = long.top[0];
  measure(`MNIST 784-128-10 ${activation}, 512 rows`, objective, theta, top?.value ?? Number.NaN, `150 Lanczos steps, residual ${(top?.residual ?? Number.NaN).toExponential(1)}`);
  objective.dispose();
}

report(`HVPs to the top eigenvalue within ${accuracy} (relative), backend ${backend}`, rows, {
  benchmark: 'lanczos-vs-power', backend, accuracy, rows,
});
