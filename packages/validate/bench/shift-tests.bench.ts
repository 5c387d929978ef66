/**
 * Cost of the shift tests at their defaults on 1,000 train vs 1,000 test rows of 20 Gaussian
 * features (one shifted by 0.3σ), and of one exact two-sample KS p-value at the `auto` limit.
 * Run with `pnpm bench` (or `npx vitest bench --run` in packages/validate).
 */
import { bench, describe } from 'vitest';
import { createRng } from '@losslens/core';
import { domainClassifierTest, ks2Sample, ksTest, mmdTest, shiftReport, wassersteinDistance } from '../src/index.js';

function table(n: number, d: number, seed: number, shift: number) {
  const rng = createRng(seed);
  const features = new Float32Array(n * d);
  for (let i = 0; i < n * d; i++) features[i] = rng.normal() + (i % d === 0 ? shift : 0);
  return { n, features };
}

const train = table(1000, 20, 1, 0);
const test = table(1000, 20, 2, 0.3);
const a = Array.from(train.features.subarray(0, 2000));
const b = Array.from(test.features.subarray(0, 2000));

describe('shift tests, 1000 vs 1000 rows × 20 features', () => {
  bench('ksTest (exact p-values)', () => void ksTest(train, test), { iterations: 3 });
  bench('wassersteinDistance (200 permutations, maxT)', () => void wassersteinDistance(train, test), { iterations: 3 });
  bench('mmdTest (300 rows per side, 200 permutations)', () => void mmdTest(train, test), { iterations: 3 });
  bench('domainClassifierTest (500 rows per side, 5 folds, 100 permutations)', () => void domainClassifierTest(train, test), { iterations: 1 });
  bench('shiftReport (all four at alpha / 4)', () => void shiftReport(train, test), { iterations: 1 });
});

describe('two-sample KS p-value', () => {
  bench('exact, 2000 vs 2000 (n1·n2 = 4e6, the auto limit)', () => void ks2Sample(a, b, { method: 'exact' }), { iterations: 3 });
  bench('asymptotic, 2000 vs 2000', () => void ks2Sample(a, b, { method: 'asymp' }), { iterations: 3 });
});
