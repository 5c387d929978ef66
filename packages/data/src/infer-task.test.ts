import { describe, expect, it } from 'vitest';
import { inferTask } from './infer-task.js';

describe('inferTask', () => {
  it('any non-numeric label means classification', () => {
    expect(inferTask(['a', 'b', '1.5'])).toBe('classification');
  });
  it('few distinct integers, each seen twice on average, mean classification', () => {
    expect(inferTask(['0', '1', '1', '0'])).toBe('classification');
    expect(inferTask([3, 1, 2, 3, 1, 2])).toBe('classification');
  });
  it('one row per value is not a class: regression', () => {
    expect(inferTask(['1', '2', '3', '4', '5'])).toBe('regression');
  });
  it('more than 10 distinct integers mean regression', () => {
    const counts = Array.from({ length: 44 }, (_, i) => i % 11);
    expect(inferTask(counts)).toBe('regression');
    expect(inferTask(counts.map((c) => c % 10))).toBe('classification');
  });
  it('fractions mean regression; missing and non-finite cells are ignored', () => {
    expect(inferTask(['1.5', '2', '2.25'])).toBe('regression');
    expect(inferTask(['0', '1', '', 'NaN', '0', '1'])).toBe('classification');
  });
});
