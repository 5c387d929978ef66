import { InputError, type Dataset } from '@losslens/core';

/**
 * Number of feature values in one sample (the product of `featureShape`).
 * @example
 * featureSize(mnist); // 784
 */
export function featureSize(ds: Pick<Dataset, 'featureShape'>): number {
  return ds.featureShape.reduce((a, b) => a * b, 1);
}

/**
 * Number of target values stored per row: `outputs` for regression, 1 (the class index) for classification.
 * @example
 * targetSize(iris); // 1 (iris.outputs is 3 classes)
 */
export function targetSize(ds: Pick<Dataset, 'task' | 'outputs'>): number {
  return ds.task === 'regression' ? ds.outputs : 1;
}

/**
 * The rows at `indices`, in that order (repeats allowed), as a new Dataset with copied arrays.
 * Everything else (task, shapes, names, classes, origin) is kept.
 * @example
 * const firstTen = subset(ds, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
 */
export function subset<D extends Dataset>(ds: D, indices: ArrayLike<number>): D {
  const d = featureSize(ds);
  const t = targetSize(ds);
  const m = indices.length;
  const features = new Float32Array(m * d);
  const targets = new Float32Array(m * t);
  for (let k = 0; k < m; k++) {
    const i = indices[k] as number;
    if (!Number.isInteger(i) || i < 0 || i >= ds.n) {
      throw new InputError('E_USAGE', `row index ${i} is out of range for ${ds.name} (${ds.n} rows)`);
    }
    features.set(ds.features.subarray(i * d, (i + 1) * d), k * d);
    targets.set(ds.targets.subarray(i * t, (i + 1) * t), k * t);
  }
  return { ...ds, n: m, features, targets };
}
