import { expect, it } from 'vitest';
import { createLens, createRng, silentChannel, type Dataset, evidenceOf, type Evidence } from '@losslens/core';
import { createModel } from '@losslens/models';
import { critical, hessianAnalysis } from './plugin.js';

it('registers critical/hessian through createLens and reports the lecture-style evidence', async () => {
  const lens = await createLens({ plugins: [critical({ top: 1, bottom: 1 })], backend: 'cpu' });
  expect(lens.analyses.keys()).toEqual(['critical/hessian']);
  expect(lens.analyses.owner('critical/hessian')).toBe('@losslens/critical');
  const analysis = hessianAnalysis({ top: 1, bottom: 1 });
  const base = { rng: createRng(0), events: silentChannel };
  expect(analysis.applies?.(base)).toBe(false);
  // y = 1 at x = 1 with a linear model w·x + b at w = b = 0: loss 1, gradient (−2, −2), H = 2·[[1, 1], [1, 1]]
  const train: Dataset = {
    name: 'one', task: 'regression', n: 1, featureShape: [1], features: Float32Array.of(1), targets: Float32Array.of(1), outputs: 1,
    featureNames: ['x'], targetName: 'y', origin: 'test:one',
  };
  const model = createModel('linear', { inputShape: [1], outputs: 1 });
  const context = { ...base, model, theta: new Float32Array(2), train };
  expect(analysis.applies?.(context)).toBe(true);
  const [evidence] = evidenceOf(await analysis.run(context)) as [Evidence];
  expect(evidence.check).toBe('critical/hessian');
  expect(evidence.finding).toMatch(/^not-critical: gradient norm 2\.83 > tolerance/);
  expect(evidence.values['top']).toEqual([expect.closeTo(4, 5)]);
  expect(evidence.values['bottom']).toEqual([expect.closeTo(0, 5)]);
  expect(evidence.values).not.toHaveProperty('eigenvalues');
});
