import { expect, it } from 'vitest';
import { affordableRuns, comparisonPlan, RELATIVE_WORK_FLOOR } from './comparison-plan.js';

it('relatives over 1.5× your run and over the floor are left out; the optimizer run always stays', () => {
  // Parameter counts of dense nets on 1 input and 1 output, by hand: w1 + w1 + w1·w2 + w2 + w2 + 1.
  const dense = (widths: number[]) => {
    let inputs = 1;
    let n = 0;
    for (const w of [...widths, 1]) {
      n += inputs * w + w;
      inputs = w;
    }
    return n;
  };
  const counts: Record<string, number> = {
    'mlp:256x256:relu': dense([256, 256]),
    'mlp:256:relu': dense([256]),
    'mlp:512x512:relu': dense([512, 512]),
    'mlp:256x256x256:relu': dense([256, 256, 256]),
  };
  expect(counts['mlp:256x256:relu']).toBe(66_561);
  const planned = comparisonPlan('mlp:256x256:relu', 'adam', 0.01, 3);
  expect(planned.map((r) => r.spec)).toEqual(['mlp:256:relu', 'mlp:512x512:relu', 'mlp:256x256x256:relu', 'mlp:256x256:relu']);
  // 40 rows → 32 training rows, batch 8, 300 epochs: 1200 updates.
  const { runs, skipped } = affordableRuns(planned, (s) => counts[s]!, 66_561, 1200);
  expect(runs.map((r) => r.role)).toEqual(['shallower', 'optimizer']);
  expect(skipped).toEqual([
    { spec: 'mlp:512x512:relu', work: 1200 * dense([512, 512]) },
    { spec: 'mlp:256x256x256:relu', work: 1200 * dense([256, 256, 256]) },
  ]);
  // Small work: everything is trained, however large relative to your run.
  const small = affordableRuns(comparisonPlan('linear', 'adam', 0.01, 2), () => 4000, 3, 100);
  expect(4000 * 100).toBeLessThan(RELATIVE_WORK_FLOOR);
  expect(small.skipped).toEqual([]);
  expect(small.runs).toHaveLength(3);
});
