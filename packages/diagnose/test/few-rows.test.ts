/** Too few rows to decide: the diagnosis still answers, and its warnings say how far to trust it. */
import { expect, it } from 'vitest';
import { initTensorflow } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { diagnose, diagnosisMarkdown, FEW_ROWS } from '@losslens/diagnose';

it('warns when the training or validation part is below FEW_ROWS, and not otherwise', async () => {
  await initTensorflow({ backend: 'cpu' });
  const small = await diagnose({ train: makeCurve({ n: 20, seed: 1 }), model: 'linear', budget: 'quick', epochs: 3 });
  // 20 rows, 20 % held out: 16 training and 4 validation rows, both under the limits.
  expect(small.rows).toEqual({ train: 16, validation: 4 });
  expect(small.warnings).toEqual([
    `only 16 training rows (fewer than ${FEW_ROWS.train}): the comparisons between runs are within their noise, so treat the verdict as a guess`,
    `only 4 validation rows (fewer than ${FEW_ROWS.validation}): the validation loss and the gap it shows are unreliable`,
  ]);
  expect(diagnosisMarkdown(small)).toContain('> **Warning:** only 16 training rows');
  const enough = await diagnose({ train: makeCurve({ n: 80, seed: 1 }), model: 'linear', budget: 'quick', epochs: 3 });
  expect(enough.warnings).toEqual([]);
});
