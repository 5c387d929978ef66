import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { formatDatasetSummary, summarizeDataset } from './summary.js';

describe('summarizeDataset', () => {
  it('gives per-column type and min/mean/max/std, and the class balance (hand-computed)', () => {
    const ds = parseCsv('n,h,label\n1,0.5,b\n2,1.5,a\n3,2.5,b\n6,3.5,b\n', { target: 'label' });
    const summary = summarizeDataset(ds);
    expect(summary.rows).toBe(4);
    expect(summary.task).toBe('classification');
    expect(summary.columns[0]).toMatchObject({ name: 'n', role: 'feature', type: 'integer', min: 1, mean: 3, max: 6 });
    expect(summary.columns[0]?.std).toBeCloseTo(Math.sqrt((4 + 1 + 0 + 9) / 4), 12);
    expect(summary.columns[1]).toMatchObject({ name: 'h', type: 'real', min: 0.5, mean: 2, max: 3.5 });
    expect(summary.columns[2]).toEqual({ name: 'label', role: 'target', type: 'class', classes: 2 });
    expect(summary.classBalance).toEqual([
      { name: 'a', count: 1, fraction: 0.25 },
      { name: 'b', count: 3, fraction: 0.75 },
    ]);
  });

  it('formats a readable table', () => {
    const ds = parseCsv('x,y\n1,0.5\n2,1.5\n3,4\n', { target: 'y', file: 'r.csv' });
    const text = formatDatasetSummary(summarizeDataset(ds));
    expect(text).toContain('r.csv: 3 rows, task regression');
    expect(text).toMatch(/^x\s+feature\s+integer\s+1\s+2\s+3\s+0\.8165$/m);
    expect(text).toMatch(/^y\s+target\s+real\s+0\.5\s+2\s+4\s+1\.472$/m); // std √(6.5/3)
  });

  it('summarizes wide image features as one row', () => {
    const features = new Float32Array(2 * 784).fill(0.5);
    features[0] = 0;
    features[1] = 1;
    const summary = summarizeDataset({
      name: 'img', task: 'classification', n: 2, featureShape: [28, 28, 1], features, targets: Float32Array.from([0, 1]),
      outputs: 2, featureNames: [], targetName: 'digit', origin: 'test',
    });
    expect(summary.columns).toHaveLength(2);
    expect(summary.columns[0]).toMatchObject({ name: '784 features', min: 0, max: 1, type: 'real' });
    expect(summary.columns[0]?.mean).toBeCloseTo(0.5, 12);
  });
});
