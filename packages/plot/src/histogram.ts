/** One bin of a histogram: the half-open interval `[start, end)` (the last bin is closed). */
export interface HistogramBin {
  start: number;
  end: number;
  count: number;
  /** `count / (total * width)`: the bins' areas sum to 1. */
  density: number;
}

/**
 * Equal-width bins over `[min, max]` of the finite values, with numpy.histogram's rules:
 * bins are half-open except the last, which includes `max`; when all values are equal the
 * range is widened to `value ± 0.5`. Non-finite values are ignored.
 * @example
 * histogramBins([0, 1, 1, 2], 2); // [{start: 0, end: 1, count: 1, ...}, {start: 1, end: 2, count: 3, ...}]
 */
export function histogramBins(values: ArrayLike<number>, bins: number): HistogramBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram bins must be a positive integer, got ${bins}`);
  const finite = Array.from(values).filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) {
    // numpy's rule: estimate the bin, then correct it against the edges for rounding.
    let i = Math.min(bins - 1, Math.floor(((v - min) * bins) / (max - min)));
    if (v < (edges[i] ?? min)) i -= 1;
    else if (i < bins - 1 && v >= (edges[i + 1] ?? max)) i += 1;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.map((count, i) => ({
    start: edges[i] ?? min,
    end: edges[i + 1] ?? max,
    count,
    density: count / (finite.length * width),
  }));
}
