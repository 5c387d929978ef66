import { describe, expect, it } from 'vitest';
import { timeSeriesSplit } from './time-series-split.js';

const r = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

// Expected folds: scikit-learn 1.2.1 TimeSeriesSplit docstring examples and test_split.py
// (test_time_series_cv, _test_size, _gap, _max_train_size), written as literals.
describe('timeSeriesSplit', () => {
  it('matches the docstring default example on 6 rows', () => {
    expect(timeSeriesSplit().split(6)).toEqual([
      { train: [0], validation: [1] },
      { train: [0, 1], validation: [2] },
      { train: [0, 1, 2], validation: [3] },
      { train: [0, 1, 2, 3], validation: [4] },
      { train: [0, 1, 2, 3, 4], validation: [5] },
    ]);
  });
  it('matches the docstring testSize and gap examples on 12 rows', () => {
    expect(timeSeriesSplit({ splits: 3, testSize: 2 }).split(12)).toEqual([
      { train: r(0, 6), validation: [6, 7] },
      { train: r(0, 8), validation: [8, 9] },
      { train: r(0, 10), validation: [10, 11] },
    ]);
    expect(timeSeriesSplit({ splits: 3, testSize: 2, gap: 2 }).split(12)).toEqual([
      { train: r(0, 4), validation: [6, 7] },
      { train: r(0, 6), validation: [8, 9] },
      { train: r(0, 8), validation: [10, 11] },
    ]);
  });
  it('matches test_time_series_cv on 6 and 7 rows', () => {
    expect(timeSeriesSplit({ splits: 2 }).split(6)).toEqual([
      { train: [0, 1], validation: [2, 3] },
      { train: [0, 1, 2, 3], validation: [4, 5] },
    ]);
    expect(timeSeriesSplit({ splits: 2 }).split(7)).toEqual([
      { train: [0, 1, 2], validation: [3, 4] },
      { train: [0, 1, 2, 3, 4], validation: [5, 6] },
    ]);
  });
  it('matches test_time_series_test_size and test_time_series_gap on 10 rows', () => {
    expect(timeSeriesSplit({ splits: 3, testSize: 3 }).split(10)).toEqual([
      { train: [0], validation: [1, 2, 3] },
      { train: r(0, 4), validation: [4, 5, 6] },
      { train: r(0, 7), validation: [7, 8, 9] },
    ]);
    expect(timeSeriesSplit({ splits: 2, testSize: 2, maxTrainSize: 4 }).split(10)).toEqual([
      { train: [2, 3, 4, 5], validation: [6, 7] },
      { train: [4, 5, 6, 7], validation: [8, 9] },
    ]);
    expect(timeSeriesSplit({ splits: 2, gap: 2 }).split(10)).toEqual([
      { train: [0, 1], validation: [4, 5, 6] },
      { train: r(0, 5), validation: [7, 8, 9] },
    ]);
    expect(timeSeriesSplit({ splits: 3, gap: 2, maxTrainSize: 2 }).split(10)).toEqual([
      { train: [0, 1], validation: [4, 5] },
      { train: [2, 3], validation: [6, 7] },
      { train: [4, 5], validation: [8, 9] },
    ]);
    expect(timeSeriesSplit({ splits: 2, gap: 2, maxTrainSize: 4, testSize: 2 }).split(10)).toEqual([
      { train: [0, 1, 2, 3], validation: [6, 7] },
      { train: [2, 3, 4, 5], validation: [8, 9] },
    ]);
  });
  it('matches max_train_size=2 on 6 rows', () => {
    expect(timeSeriesSplit({ splits: 3, maxTrainSize: 2 }).split(6)).toEqual([
      { train: [1, 2], validation: [3] },
      { train: [2, 3], validation: [4] },
      { train: [3, 4], validation: [5] },
    ]);
  });
  it('rejects more folds than rows and blocks that do not fit', () => {
    expect(() => timeSeriesSplit({ splits: 7 }).split(7)).toThrow(/^timeSeriesSplit: 7 splits need at least 8 rows, got 7$/);
    expect(() => timeSeriesSplit({ splits: 5, testSize: 2 }).split(10)).toThrow(
      'timeSeriesSplit: 5 splits of 2 rows with gap 0 do not fit in 10 rows',
    );
    expect(() => timeSeriesSplit({ splits: 4, gap: 2 }).split(10)).toThrow('timeSeriesSplit: 4 splits of 2 rows with gap 2 do not fit in 10 rows');
  });
});
