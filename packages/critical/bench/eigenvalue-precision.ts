/**
 * Measurement behind the zero band (docs/guide/critical-points.md): the largest error of the
 * float32 dense-Hessian eigenvalues against an independent float64 Hessian (hand-written tanh
 * MLP, central differences of its exact gradient), in units of P·ε₃₂·max|λ| and of max|λ|, at
 * initialization and after 500 Adam epochs, for mlp:4/8/16/32:tanh on `curve` (200 rows).
 *   npx tsx --conditions=source bench/eigenvalue-precision.ts
 */
import { initTensorflow } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';
import { datasetObjective, float32Epsilon, fullHessian, symmetricEigenvalues } from '../src/index.js';
import { tanhMlpHessian } from '../test/float64-mlp.js';

await initTensorflow();
const train = makeCurve({ seed: 0 });
const data = { features: train.features, targets: train.targets, d: 1 };
const rows: string[] = ['| model | P | seed | epochs | max\\|λ\\| | error / (P·ε₃₂·max\\|λ\\|) | error / max\\|λ\\| |', '|---|---:|---:|---:|---:|---:|---:|'];
for (const hidden of [4, 8, 16, 32]) {
  const model = createModel(`mlp:${hidden}:tanh`, { inputShape: [1], outputs: 1 });
  const objective = datasetObjective(model, train);
  const p = model.parameterCount;
  for (const seed of [0, 1]) {
    for (const epochs of [0, 500]) {
      const theta = epochs === 0
        ? model.init(seed)
        : (await fit({ model, train, optimizer: 'adam', learningRate: 0.02, epochs, batchSize: 'full', seed, finalEvaluation: false })).theta;
      const float32 = symmetricEigenvalues(fullHessian(objective, theta));
      const float64 = symmetricEigenvalues(tanhMlpHessian(theta, data, hidden));
      const scale = Math.max(...Array.from(float64, Math.abs));
      let error = 0;
      for (let i = 0; i < p; i++) error = Math.max(error, Math.abs((float32[i] as number) - (float64[i] as number)));
      rows.push(`| mlp:${hidden}:tanh | ${p} | ${seed} | ${epochs} | ${scale.toPrecision(3)} | ${(error / (p * float32Epsilon * scale)).toFixed(3)} | ${(error / scale).toExponential(2)} |`);
    }
  }
  objective.dispose();
}
console.log(rows.join('\n'));
