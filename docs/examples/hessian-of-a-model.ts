/**
 * The Hessian of a real training loss: fit a linear model to a 1-D dataset by full-batch
 * gradient descent, then ask what kind of point training stopped at. For least squares the
 * loss is a convex quadratic, so the answer must be a local (indeed global) minimum.
 */
// #region main
import { initTensorflow } from '@losslens/core';
import { analyzeCriticalPoint, datasetObjective } from '@losslens/critical';
import { makeCurve } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';

/** Trains `linear` on a noisy cubic and analyzes the Hessian of the MSE at the trained θ. */
export async function main() {
  await initTensorflow();
  const train = makeCurve({ n: 60, curve: 'cubic', noise: 0.2, seed: 2 });
  const model = createModel('linear', { inputShape: train.featureShape, outputs: train.outputs, task: train.task });
  const { theta } = await fit({ model, train, optimizer: 'sgd', learningRate: 0.1, batchSize: 'full', epochs: 300, seed: 0 });
  const objective = datasetObjective(model, train); // L(θ) = mean squared error over all rows
  const report = analyzeCriticalPoint(objective, theta, { full: true });
  objective.dispose();
  return {
    theta, // [slope, intercept] in the model's layout order
    layout: model.layout.map((b) => b.name),
    gradientNorm: report.gradientNorm, // ≈ 0: training stopped at a critical point
    eigenvalues: report.eigenvalues, // 2/N · eig(XᵀX) with X = [x, 1]
    minimumRatio: report.minimumRatio, // 1: every eigenvalue positive
    kind: report.kind, // 'local-minimum'
  };
}
// #endregion main
