import { describe, expect, it } from 'vitest';
import { shiftReport } from './shift-report.js';
import { gaussianTable, } from './test-samples.js';
import { tableFromRows } from './feature-table.js';

const fast = { wasserstein: { permutations: 99 }, mmd: { permutations: 99 }, domainClassifier: { permutations: 39 } };

describe('shiftReport', () => {
  it('finds a 1-sigma shift in one feature with every test and names it first', () => {
    const report = shiftReport(gaussianTable(120, 3, 41), gaussianTable(120, 3, 42, 1, 0), { seed: 1, ...fast });
    expect(report.shifted).toBe(true);
    expect(report.tests.map((t) => t.test)).toEqual(['ks', 'wasserstein', 'mmd', 'domain-classifier']);
    expect(report.tests.every((t) => t.alpha === 0.0125)).toBe(true);
    expect(report.drivers[0]).toBe('f0');
  });
  it('raises no alarm in at most 10 % of 20 same-distribution trials', () => {
    let alarms = 0;
    for (let t = 0; t < 20; t++) {
      if (shiftReport(gaussianTable(30, 2, 60 + t), gaussianTable(30, 2, 90 + t), { seed: t, ...fast }).shifted) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(2);
  });
  it('runs only the tests asked for, on rows given as Float32Arrays', () => {
    const rows = (shift: number) => Array.from({ length: 30 }, (_, i) => Float32Array.from([Math.sin(i) + shift, Math.cos(i)]));
    const report = shiftReport(tableFromRows(rows(0), ['a', 'b']), tableFromRows(rows(2), ['a', 'b']), { tests: ['ks'] });
    expect(report.tests).toHaveLength(1);
    expect(report.drivers).toEqual(['a']);
    expect(report.tests[0]?.alpha).toBe(0.05);
  });
  it('rejects rows of different lengths and non-finite values with one line', () => {
    expect(() => tableFromRows([[1, 2], [3]])).toThrow(/^row 1 has 1 values, expected 2$/);
    expect(() => shiftReport({ n: 2, features: [1, Number.NaN] }, { n: 2, features: [1, 2] })).toThrow(
      /^train: row 1, column 0 is not a finite number$/,
    );
  });
});
