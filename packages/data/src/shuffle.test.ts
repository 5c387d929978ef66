import { describe, expect, it } from 'vitest';
import { shuffleRows } from './shuffle.js';
import { tinyRegression } from '../test/fixtures.js';

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

describe('shuffleRows', () => {
  it('is a seeded permutation of the rows that keeps features and targets aligned', () => {
    const ds = tinyRegression(20);
    const a = shuffleRows(ds, 5);
    expect(Array.from(a.features)).toEqual(Array.from(shuffleRows(ds, 5).features));
    expect(Array.from(a.features)).not.toEqual(Array.from(shuffleRows(ds, 6).features));
    expect(sorted(Array.from(a.targets))).toEqual(Array.from(ds.targets));
    for (let i = 0; i < a.n; i++) expect(a.targets[i]).toBe(2 * (a.features[2 * i] as number) + 1);
  });
});
