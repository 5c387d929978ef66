/**
 * A check written as a third party would (outside this package, public API only) is run by
 * the diagnosis and reported beside the built-in evidence.
 */
import { expect, it } from 'vitest';
import { createLens, definePlugin, type AnalysisContext, type Dataset } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { diagnose } from '@losslens/diagnose';

const duplicateRows = () =>
  definePlugin({
    name: 'losslens-plugin-duplicates',
    version: '1.0.0',
    provides: {
      analyses: {
        'duplicates/train-rows': {
          title: 'Duplicate training rows',
          run(context: AnalysisContext) {
            const train = context['train'] as Dataset;
            const width = train.features.length / train.n;
            const seen = new Set<string>();
            let duplicates = 0;
            for (let i = 0; i < train.n; i++) {
              const key = Array.from(train.features.subarray(i * width, (i + 1) * width)).join(',');
              if (seen.has(key)) duplicates++;
              seen.add(key);
            }
            return { check: 'duplicates/train-rows', finding: `${duplicates} duplicate rows`, values: { duplicates, rows: train.n } };
          },
        },
      },
    },
  });

it('runs plugin analyses and reports their evidence', async () => {
  const lens = await createLens({ plugins: [duplicateRows()], backend: 'wasm' });
  const base = makeCurve({ n: 60, seed: 3 });
  // Every row twice: the plugin must count the duplicates that land in the training part.
  const train: Dataset = {
    ...base,
    n: 120,
    features: Float32Array.from([...base.features, ...base.features]),
    targets: Float32Array.from([...base.targets, ...base.targets]),
  };
  const d = await diagnose({
    train,
    model: 'linear',
    epochs: 2,
    budget: 'quick',
    analyses: lens.analyses.keys().map((k) => lens.analyses.get(k)),
  });
  const evidence = d.evidence.find((e) => e.check === 'duplicates/train-rows');
  expect(evidence?.values['rows']).toBe(d.rows.train);
  // 96 training rows drawn from 60 distinct values: at least 36 repeats.
  expect(evidence?.values['duplicates']).toBeGreaterThanOrEqual(36);
});
