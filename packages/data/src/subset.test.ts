import { describe, expect, it } from 'vitest';
import { subset } from './subset.js';
import { tinyClassification, tinyRegression } from '../test/fixtures.js';

describe('subset', () => {
  it('copies the chosen rows in order, repeats allowed', () => {
    const ds = tinyClassification([0, 1, 1, 0]);
    const part = subset(ds, [3, 1, 3]);
    expect(part.n).toBe(3);
    expect(Array.from(part.features)).toEqual([3, 30, 1, 10, 3, 30]);
    expect(Array.from(part.targets)).toEqual([0, 1, 0]);
    expect(part.classNames).toEqual(ds.classNames);
    part.features[0] = 99;
    expect(ds.features[6]).toBe(3);
  });
  it('rejects an out-of-range index', () => {
    expect(() => subset(tinyRegression(3), [0, 3])).toThrow('row index 3 is out of range for tiny-regression (3 rows)');
  });
});
