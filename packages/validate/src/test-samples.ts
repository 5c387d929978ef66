/**
 * Seeded Gaussian samples for the shift tests' tests (not exported from the package).
 */
import { createRng } from '@losslens/core';
import type { FeatureTable } from './feature-table.js';

/** `n` rows of `d` independent N(0, 1) features, with `shift` added to feature `shiftFeature`. */
export function gaussianTable(n: number, d: number, seed: number, shift = 0, shiftFeature = 0): FeatureTable {
  const rng = createRng(seed);
  const features = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) features[i * d + j] = rng.normal() + (j === shiftFeature ? shift : 0);
  }
  return { n, features, featureNames: Array.from({ length: d }, (_, j) => `f${j}`) };
}
