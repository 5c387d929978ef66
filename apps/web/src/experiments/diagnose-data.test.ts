import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDefaultLens } from '@losslens/lens';
import { expectNoLeaks } from '@losslens/testing';
import { csvColumns, diagnoseCsv, diagnosisResult } from './diagnose-data.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

describe('csvColumns', () => {
  it('reads the header row, with a BOM, quotes, blank lines and other separators', () => {
    expect(csvColumns('x1,x2,y\n1,2,3\n')).toEqual(['x1', 'x2', 'y']);
    expect(csvColumns('\uFEFF\n"a" ; b;c\n')).toEqual(['a', 'b', 'c']);
    expect(csvColumns('a\tb\n')).toEqual(['a', 'b']);
    expect(csvColumns('  \n')).toEqual([]);
  });
});

describe('diagnoseCsv', () => {
  it("gives the CLI's diagnosis of the same CSV and seed (sensors.expected.json), and the page's facts and report", async () => {
    const expected = JSON.parse(fixture('sensors.expected.json')) as { verdict: string; path: string[]; losses: Record<string, number>; rows: { train: number; validation: number } };
    const lens = await createDefaultLens({ backend: 'wasm' });
    const d = await expectNoLeaks(() => diagnoseCsv(lens, { text: fixture('sensors.csv'), fileName: 'sensors.csv', target: 'y' }));
    expect(d.verdict).toBe(expected.verdict);
    expect(d.path).toEqual(expected.path);
    expect(d.rows).toEqual(expected.rows);
    for (const key of ['baseline', 'train', 'validation']) {
      expect(Math.abs((d.losses as Record<string, number>)[key]! - expected.losses[key]!)).toBeLessThan(1e-3 * expected.losses[key]!);
    }
    const result = await diagnosisResult(d, 'sensors.csv');
    expect(result.facts.find((f) => f.id === 'verdict')?.value).toBe(expected.verdict);
    expect(result.facts.find((f) => f.id === 'path')?.value).toBe(expected.path.join(' → '));
    expect(result.download?.fileName).toBe('sensors-diagnosis.html');
    expect(result.download?.content).toMatch(/^<!doctype html>/i);
    expect(result.html).toContain('class="node on"');
  }, 120_000);

  it('names the file and the column when the target is missing', async () => {
    const lens = await createDefaultLens({ backend: 'cpu' });
    await expect(diagnoseCsv(lens, { text: 'a,b\n1,2\n', fileName: 'mine.csv', target: 'y' })).rejects.toThrow(/mine\.csv.*"y"|"y".*mine\.csv/);
  });
});
