import type { Dataset } from '@losslens/core';

/** A small hand-made classification dataset for tests: row i has features [i, 10·i], class `labels[i]`. */
export function tinyClassification(labels: readonly number[], classes = Math.max(...labels) + 1): Dataset {
  const n = labels.length;
  return {
    name: 'tiny.csv',
    task: 'classification',
    n,
    featureShape: [2],
    features: Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? k / 2 : 5 * k - 5)),
    targets: Float32Array.from(labels),
    outputs: classes,
    featureNames: ['a', 'b'],
    targetName: 'y',
    classNames: Array.from({ length: classes }, (_, c) => `c${c}`),
    origin: 'tiny.csv',
  };
}

/** A small regression dataset: row i has features [i, i²] and target 2·i + 1. */
export function tinyRegression(n: number): Dataset {
  return {
    name: 'tiny-regression',
    task: 'regression',
    n,
    featureShape: [2],
    features: Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? k / 2 : ((k - 1) / 2) ** 2)),
    targets: Float32Array.from({ length: n }, (_, i) => 2 * i + 1),
    outputs: 1,
    featureNames: ['x', 'x2'],
    targetName: 'y',
    origin: 'tiny-regression',
  };
}
