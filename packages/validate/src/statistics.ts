/**
 * Mean and sample standard deviation (ddof = 1, as `numpy.std(x, ddof=1)` and pandas'
 * default; 0 for a single value, NaN for none).
 * @example
 * meanAndStd([1, 2, 3, 4]); // { mean: 2.5, std: 1.2909944487358056 }
 */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, std: 0 };
  const ss = values.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}
