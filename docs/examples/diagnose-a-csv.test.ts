import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './diagnose-a-csv.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'losslens-docs-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('diagnose a CSV with a shifted test file', () => {
  it('reads as a mismatch: small training and validation loss, large test loss, shifted inputs', async () => {
    const r = await main(folder);
    expect(r.verdict).toBe('mismatch');
    expect(r.path).toEqual(['training-loss-small', 'testing-loss-large', 'mismatch']);
    // The regression target has std ≈ 0.8 and noise std 0.1: a fitted model is far below the
    // baseline on the training region and far above it on the shifted test region.
    expect(r.losses.train).toBeLessThan(0.2 * r.losses.baseline);
    expect(r.losses.test).toBeGreaterThan(5 * r.losses.validation);
    const checks = r.evidence.map((e) => e.check);
    expect(checks).toEqual(expect.arrayContaining(['training-loss', 'generalization-gap', 'learning-curve', 'train-test-shift']));
    const shift = r.evidence.find((e) => e.check === 'train-test-shift');
    expect(shift?.values['shifted']).toBe(true);
    expect((shift?.values['drivers'] as string[])[0]).toBe('x1');
    expect(r.remedies[0]).toMatch(/^Find out how the test data were produced/);
  });
});
