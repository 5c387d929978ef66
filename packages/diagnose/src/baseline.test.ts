import { expect, it } from 'vitest';
import type { Dataset } from '@losslens/core';
import { fitBaseline } from './baseline.js';

const table = (task: Dataset['task'], targets: number[], outputs: number): Dataset => ({
  name: 't', task, n: targets.length / (task === 'regression' ? outputs : 1), featureShape: [1],
  features: new Float32Array(targets.length / (task === 'regression' ? outputs : 1)),
  targets: Float32Array.from(targets), outputs, featureNames: ['x'], targetName: 'y', origin: 'test',
});

it('regression: the mean predictor scores the population variance (mean over outputs)', () => {
  // Two outputs with column means 2 and 10; every squared error below is worked out by hand.
  const train = table('regression', [1, 9, 2, 10, 3, 11], 2);
  const b = fitBaseline(train);
  expect(b.prediction).toEqual([2, 10]);
  // squared errors: (1,1),(0,0),(1,1) → sum 4 over 6 values
  expect(b.loss(train)).toBeCloseTo(4 / 6, 12);
  expect(b.loss(table('regression', [4, 10], 2))).toBeCloseTo((4 + 0) / 2, 12);
});

it('classification: the Laplace-smoothed class prior scores its cross-entropy', () => {
  const train = table('classification', [0, 0, 0, 1], 3); // counts 3,1,0 → (4, 2, 1) / 7
  const b = fitBaseline(train);
  expect(b.prediction.map((p) => p * 7)).toEqual([4, 2, 1].map((c) => expect.closeTo(c, 12)));
  expect(b.loss(train)).toBeCloseTo(-(3 * Math.log(4 / 7) + Math.log(2 / 7)) / 4, 12);
  expect(b.loss(table('classification', [2], 3))).toBeCloseTo(-Math.log(1 / 7), 12);
});
