/**
 * N-fold cross validation as the lecture describes it: split the TRAINING data into N folds,
 * train N times (each time validating on a different fold), and pick the model with the
 * smallest MEAN validation loss. The test set is never looked at.
 */
// #region main
import { initTensorflow } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { kFold, selectModel } from '@losslens/validate';

/** Picks between a line and a small tanh network on a noisy sine by 3-fold cross validation. */
export async function main() {
  await initTensorflow();
  const train = makeCurve({ n: 62, curve: 'sine', noise: 0.1, seed: 4 });
  const selection = await selectModel({
    candidates: ['linear', 'mlp:16:tanh'],
    dataset: train,
    splitter: kFold({ folds: 3 }), // scikit-learn KFold(n_splits=3, shuffle=False)
    fit: { epochs: 150, batchSize: 16, optimizer: 'adam', learningRate: 0.02 },
    standardize: 'features', // fitted on each fold's training rows only
    seed: 4,
  });
  return {
    validationRows: selection.folds.map((f) => f.validation), // [[0…20], [21…41], [42…61]]
    models: selection.results.map((r) => ({ spec: r.model, foldLosses: r.validationLosses, mean: r.mean, std: r.std })),
    selected: selection.selected, // 'mlp:16:tanh'
    warning: selection.warning, // set when the winner's margin is within one std
  };
}
// #endregion main
