import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { makeCurve } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';
import { describeBackends } from '@losslens/testing';
import { analyzeCriticalPoint } from './analyze.js';
import { float32Epsilon, signCounts } from './classify.js';
import { datasetObjective } from './dataset-objective.js';
import { symmetricEigenvalues } from './symmetric-eigen.js';
import { tanhMlpHessian } from '../test/float64-mlp.js';

describeBackends('the zero band against a float64 Hessian', () => {
  it('float32 eigenvalues are within 0.5·P·ε₃₂·max|λ| of the float64 ones (the band is 10×), and the counts agree', async () => {
    const train = makeCurve({ n: 64, seed: 3 });
    const data = { features: train.features, targets: train.targets, d: 1 };
    const before = tf.memory().numTensors;
    for (const hidden of [4, 8]) {
      const model = createModel(`mlp:${hidden}:tanh`, { inputShape: [1], outputs: 1 });
      const objective = datasetObjective(model, train);
      const p = model.parameterCount;
      const trained = await fit({ model, train, optimizer: 'adam', learningRate: 0.02, epochs: 150, batchSize: 'full', seed: 1, finalEvaluation: false });
      for (const theta of [model.init(0), trained.theta]) {
        const report = analyzeCriticalPoint(objective, theta, { full: true, escape: false, tolerance: { gradient: 10 } });
        const float32 = report.eigenvalues as number[];
        const float64 = symmetricEigenvalues(tanhMlpHessian(theta, data, hidden)); // independent: no tfjs, float64
        const scale = Math.max(...Array.from(float64, Math.abs));
        const error = Math.max(...float32.map((value, i) => Math.abs(value - (float64[i] as number))));
        const unit = p * float32Epsilon * scale;
        expect(error).toBeLessThan(0.5 * unit); // measured ≤ 0.12 units (docs/guide/critical-points.md)
        expect(report.zeroTolerance).toBeCloseTo(10 * unit, 10);
        // same band on the float64 spectrum, same counts — unless an eigenvalue sits within `error` of the band's edge
        const edge = Array.from(float64).filter((v) => Math.abs(Math.abs(v) - report.zeroTolerance) <= error).length;
        const reference = signCounts(float64, report.zeroTolerance);
        expect(Math.abs(reference.zero - report.counts.zero)).toBeLessThanOrEqual(edge);
        if (edge === 0) expect(report.counts).toEqual(reference);
        expect(report.flatDirections).toBe(report.counts.zero);
      }
      objective.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
