import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { holdout, loadBuiltin } from '@losslens/data';
import { main } from './diagnose-builtin.js';

/** Least-squares MSE of a line through standardized 1-D data: 1 − r² (population moments). */
function leastSquaresMse(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]! / n;
    my += y[i]! / n;
  }
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
  }
  return 1 - (sxy * sxy) / (sxx * syy);
}

let result: Awaited<ReturnType<typeof main>>;
beforeAll(async () => {
  result = await main();
});

describe('getting started: diagnose the built-in curve', () => {
  it('finds model bias, with a training loss at the least-squares floor of a line', async () => {
    expect(result.verdict).toBe('model-bias');
    expect(result.path).toEqual(['training-loss-large', 'model-bias']);
    // The mean predictor scores exactly 1 on targets standardized with the training part's moments.
    expect(result.losses.baseline).toBeCloseTo(1, 5);
    // Independent reference: the best any line can do on the same training rows (the diagnosis
    // holds out 20 % with the same seed) is 1 − r². A linear model cannot go below it.
    const { train } = holdout(await loadBuiltin('curve', { seed: 0 }), { validation: 0.2, seed: 0, stratify: false });
    const floor = leastSquaresMse(train.features, train.targets);
    expect(result.losses.train).toBeGreaterThanOrEqual(floor - 1e-3);
    expect(result.losses.train).toBeLessThan(floor + 0.05);
    // Every more flexible relative beats the line.
    for (const run of result.runs.filter((r) => r.label.startsWith('flexible'))) expect(run.train).toBeLessThan(floor);
    expect(result.firstRemedy).toMatch(/^Use a more flexible model: mlp:/);
    expect(result.markdown).toContain('# Verdict: Model bias — the model is too simple');
  });

  it('prints what getting-started.md shows (the CLI prints the same Markdown), up to the timing', () => {
    const page = readFileSync(new URL('../guide/getting-started.md', import.meta.url), 'utf8');
    const shown = /```text\n([\s\S]*?)\n```/.exec(page)?.[1];
    const withoutTime = (text: string) => text.replace(/, [\d.]+ s\._\s*$/, '._').trimEnd();
    expect(shown).toBeDefined();
    expect(withoutTime(result.markdown)).toBe(withoutTime(shown as string));
  });
});
