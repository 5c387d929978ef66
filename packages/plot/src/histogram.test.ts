import { describe, expect, it } from 'vitest';
import { histogramBins } from './histogram.js';

// Expected values are numpy.histogram outputs (numpy 1.26), written in as literals.
describe('histogramBins', () => {
  it('matches numpy.histogram([1,2,2,3,3,3,10], bins=3)', () => {
    const bins = histogramBins([1, 2, 2, 3, 3, 3, 10], 3);
    expect(bins.map((b) => b.count)).toEqual([6, 0, 1]);
    expect(bins.map((b) => b.start)).toEqual([1, 4, 7]);
    expect(bins.at(-1)?.end).toBe(10);
  });

  it('puts values on an inner edge in the upper bin and max in the last bin', () => {
    // np.histogram([0, 0.3, 0.6, 0.9], bins=3) -> [1, 1, 2]; 0.3*3/0.9 rounds below 1.
    expect(histogramBins([0, 0.3, 0.6, 0.9], 3).map((b) => b.count)).toEqual([1, 1, 2]);
  });

  it('gives numpy densities whose areas sum to 1', () => {
    // np.histogram([0,1,1,2], bins=2, density=True) -> [0.25, 0.75]
    const bins = histogramBins([0, 1, 1, 2], 2);
    expect(bins.map((b) => b.density)).toEqual([0.25, 0.75]);
  });

  it('widens a constant sample to value ± 0.5 like numpy', () => {
    // np.histogram([5,5,5], bins=2) -> counts [0, 3], edges [4.5, 5, 5.5]
    const bins = histogramBins([5, 5, 5], 2);
    expect(bins.map((b) => [b.start, b.end, b.count])).toEqual([
      [4.5, 5, 0],
      [5, 5.5, 3],
    ]);
  });

  it('ignores non-finite values and returns no bins for an empty sample', () => {
    expect(histogramBins([Number.NaN, 1, Number.POSITIVE_INFINITY, 3], 2).map((b) => b.count)).toEqual([1, 1]);
    expect(histogramBins([], 5)).toEqual([]);
  });

  it('rejects a bin count that is not a positive integer', () => {
    expect(() => histogramBins([1, 2], 0)).toThrow('histogram bins must be a positive integer, got 0');
    expect(() => histogramBins([1, 2], 2.5)).toThrow('got 2.5');
  });
});
