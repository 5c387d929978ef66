/**
 * Diagnosing your own CSV files, with a test file whose inputs come from elsewhere: the
 * lecture's "mismatch" branch.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeShiftedCsvs } from './shifted-csv-files.js';
// #region main
import { initTensorflow } from '@losslens/core';
import { loadCsv } from '@losslens/data';
import { diagnose } from '@losslens/diagnose';

/** Diagnoses train.csv against test.csv and returns the verdict with the evidence behind it. */
export async function main(folder?: string) {
  const { trainFile, testFile } = await writeShiftedCsvs(folder ?? (await mkdtemp(join(tmpdir(), 'losslens-'))));
  await initTensorflow();
  const train = await loadCsv(trainFile, { target: 'y' }); // every other column is a feature
  const test = await loadCsv(testFile, { target: 'y', like: train }); // same columns, same task
  const diagnosis = await diagnose({
    train,
    test, // measured, never used for a choice
    model: 'mlp:32x32:relu',
    learningRate: 0.01,
    epochs: 40,
    budget: 'quick',
    seed: 1,
  });
  return {
    verdict: diagnosis.verdict, // 'mismatch'
    path: diagnosis.path, // ['training-loss-small', 'testing-loss-large', 'mismatch']
    losses: diagnosis.losses, // test loss far above train and validation
    evidence: diagnosis.evidence, // [{ check, finding, values }, …]
    remedies: diagnosis.remedies,
  };
}
// #endregion main
