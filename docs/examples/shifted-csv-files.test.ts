import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeShiftedCsvs } from './shifted-csv-files.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'losslens-docs-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('writeShiftedCsvs', () => {
  it('writes a header and one row per sample, with the test inputs moved along x1', async () => {
    const { trainFile, testFile } = await writeShiftedCsvs(folder);
    const train = (await readFile(trainFile, 'utf8')).trimEnd().split('\n');
    const test = (await readFile(testFile, 'utf8')).trimEnd().split('\n');
    expect(train[0]).toBe('x1,x2,y');
    expect(test[0]).toBe('x1,x2,y');
    expect(train).toHaveLength(301);
    expect(test).toHaveLength(201);
    const mean = (rows: string[], column: number) => rows.slice(1).reduce((s, r) => s + Number(r.split(',')[column]), 0) / (rows.length - 1);
    // Unit-variance inputs: sample means of 300 / 200 rows are within ±0.3 of the truth (> 4 standard errors).
    expect(Math.abs(mean(train, 0))).toBeLessThan(0.3);
    expect(Math.abs(mean(test, 0) - 2.5)).toBeLessThan(0.3);
    expect(Math.abs(mean(test, 1))).toBeLessThan(0.3);
    // The rule is y = sin(2·x1) + 0.5·x2 + noise (std 0.1) in both files.
    for (const row of [...train.slice(1, 20), ...test.slice(1, 20)]) {
      const [x1, x2, y] = row.split(',').map(Number) as [number, number, number];
      expect(Math.abs(y - (Math.sin(2 * x1) + 0.5 * x2))).toBeLessThan(0.5);
    }
  });
});
