import { describe, expect, it } from 'vitest';
import { createEventChannel, createLens, createRng, type Dataset, evidenceOf, type Evidence } from '@losslens/core';
import { validate, VALIDATE_PLUGIN_VERSION } from './plugin.js';
import { gaussianTable } from './test-samples.js';
import pkg from '../package.json' with { type: 'json' };

const asDataset = (n: number, seed: number, shift: number): Dataset => {
  const t = gaussianTable(n, 2, seed, shift, 1);
  return { name: 'g', task: 'regression', n, featureShape: [2], features: t.features as Float32Array, targets: new Float32Array(n), outputs: 1, featureNames: ['a', 'b'], targetName: 'y', origin: 'test' };
};

describe('validate plugin', () => {
  it('registers the splitters and the shift analysis through the plugin contract', async () => {
    const lens = await createLens({ plugins: [validate()], backend: 'cpu' });
    expect(lens.splitters.keys().sort()).toEqual([
      'validate/group-kfold', 'validate/holdout', 'validate/kfold', 'validate/leave-one-out',
      'validate/shuffle-split', 'validate/stratified-kfold', 'validate/time-series',
    ]);
    expect(lens.splitters.get('validate/kfold')({ folds: 2 }).split(4)).toEqual([
      { train: [2, 3], validation: [0, 1] },
      { train: [0, 1], validation: [2, 3] },
    ]);
    expect(() => lens.splitters.get('validate/kfold')({ folds: 'two' })).toThrow('kFold: folds must be an integer >= 2, got two');
    const analysis = lens.analyses.get('validate/shift-tests');
    const context = { rng: createRng(1), events: createEventChannel(), train: asDataset(80, 1, 0), test: asDataset(80, 2, 1.2),
      shiftOptions: { tests: ['ks', 'mmd'] as const, mmd: { permutations: 99 } } };
    expect(analysis.applies?.({ rng: createRng(1), events: createEventChannel() })).toBe(false);
    expect(analysis.applies?.(context)).toBe(true);
    const [evidence] = evidenceOf(await analysis.run(context)) as [Evidence];
    expect(evidence.check).toBe('shift-tests');
    expect(evidence.values['shifted']).toBe(true);
    expect(evidence.finding).toBe('test inputs differ from training inputs, mostly in b');
  });
  it('reports the package version', () => {
    expect(VALIDATE_PLUGIN_VERSION).toBe(pkg.version);
  });
});
