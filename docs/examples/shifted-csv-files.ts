/**
 * Support for the CSV examples: writes a synthetic covariate-shift pair as `train.csv` and
 * `test.csv`, so the examples run without data files. With real data you skip this step.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from '@losslens/core';
import { makeCovariateShift } from '@losslens/data';

/** Writes a dataset as CSV: a header, then one row per sample (feature columns, then the target). */
export async function writeCsv(path: string, ds: Dataset): Promise<void> {
  const width = ds.featureNames.length;
  const lines = [[...ds.featureNames, ds.targetName].join(',')];
  for (let i = 0; i < ds.n; i++) {
    lines.push([...ds.features.subarray(i * width, (i + 1) * width), ds.targets[i]].join(','));
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}

/**
 * Writes `train.csv` (300 rows) and `test.csv` (200 rows) into `folder`: columns x1, x2, y with
 * y = sin(2·x1) + 0.5·x2 + noise; the test inputs are moved 2.5 standard deviations along x1.
 */
export async function writeShiftedCsvs(folder: string): Promise<{ trainFile: string; testFile: string }> {
  const { train, test } = makeCovariateShift({ n: 300, testN: 200, shift: 2.5, seed: 1 });
  const trainFile = join(folder, 'train.csv');
  const testFile = join(folder, 'test.csv');
  await writeCsv(trainFile, train);
  await writeCsv(testFile, test);
  return { trainFile, testFile };
}
