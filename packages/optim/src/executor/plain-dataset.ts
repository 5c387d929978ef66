/** A dataset reduced to its plain-data fields, fit for a task. */
import type { Dataset } from '@losslens/core';

/**
 * The `Dataset` contract's fields only (no functions a loader or generator added, such as a
 * truth function), sharing the arrays: what a task may carry.
 * @example
 * const task = { kind: 'optim/fit', id: 'a', payload: { ...fitTask, train: plainDataset(train) } };
 */
export function plainDataset(ds: Dataset): Dataset {
  return {
    name: ds.name,
    task: ds.task,
    n: ds.n,
    featureShape: [...ds.featureShape],
    features: ds.features,
    targets: ds.targets,
    outputs: ds.outputs,
    featureNames: [...ds.featureNames],
    targetName: ds.targetName,
    ...(ds.classNames !== undefined ? { classNames: [...ds.classNames] } : {}),
    origin: ds.origin,
  };
}
