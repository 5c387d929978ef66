/**
 * The lecture's small-vs-large batch table, measured: the same model, data, seed and number of
 * epochs at three batch sizes, with the learning rate scaled by √(batch size).
 */
// #region main
import { initTensorflow } from '@losslens/core';
import { holdout, loadBuiltin } from '@losslens/data';
import { batchStudy } from '@losslens/optim';

/** Trains an MLP on iris at batch sizes 4, 32 and full (120 rows) and returns the table rows. */
export async function main() {
  await initTensorflow();
  const { train, validation } = holdout(await loadBuiltin('iris'), { validation: 0.2, seed: 1 });
  const { runs } = await batchStudy({
    model: 'mlp:16:relu',
    train,
    validation,
    batchSizes: [4, 32, 'full'],
    epochs: 5,
    optimizer: 'sgd',
    learningRate: 0.05, // at the smallest batch size
    lrScaling: 'sqrt', // lr × √(b / 4)
    seed: 1,
    workers: 1, // in this thread; the default runs one worker thread per batch size
  });
  return runs.map((r) => ({
    batchSize: r.batchSize, // 4, 32, 120
    learningRate: r.learningRate,
    updatesPerEpoch: r.updatesPerEpoch, // ⌈120 / b⌉: 30, 4, 1
    msPerUpdate: r.msPerUpdate, // about the same for every b on parallel hardware
    msPerEpoch: r.msPerEpoch, // so large batches finish an epoch sooner
    train: r.train, // { loss, accuracy } at the final θ
    validation: r.validation,
  }));
}
// #endregion main
