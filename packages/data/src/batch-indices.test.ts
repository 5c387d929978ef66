import { createRng } from '@losslens/core';
import { describe, expect, it } from 'vitest';
import { batchIndices } from './batch-indices.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('batchIndices', () => {
  it('partitions 0..n-1 into batches of the given size, the last one smaller', () => {
    const batches = batchIndices(10, 4, createRng(1));
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(range(10));
  });

  it('reshuffles on every call (epoch) and is reproducible from the seed', () => {
    const rng = createRng(7);
    const epoch1 = batchIndices(20, 5, rng);
    const epoch2 = batchIndices(20, 5, rng);
    expect(epoch1.flat()).not.toEqual(epoch2.flat());
    const again = createRng(7);
    expect(batchIndices(20, 5, again)).toEqual(epoch1);
    expect(batchIndices(20, 5, again)).toEqual(epoch2);
  });

  it('keeps file order without shuffle; drops a short last batch with dropLast', () => {
    expect(batchIndices(5, 2, createRng(1), { shuffle: false })).toEqual([[0, 1], [2, 3], [4]]);
    expect(batchIndices(5, 2, createRng(1), { shuffle: false, dropLast: true })).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('"full" and sizes above n give one batch with every row', () => {
    expect(batchIndices(6, 'full', createRng(1))).toHaveLength(1);
    expect(batchIndices(6, 100, createRng(1), { dropLast: true })[0]?.sort()).toEqual(range(6));
    expect(batchIndices(0, 4, createRng(1))).toEqual([]);
  });

  it('a bad batch size is an input error naming the flag', () => {
    expect(() => batchIndices(10, 0, createRng(1))).toThrow('--batch-size: batch size must be a whole number ≥ 1 or "full", got 0');
    expect(() => batchIndices(10, 2.5, createRng(1))).toThrow(/got 2\.5/);
  });
});
