import { describe, expect, it } from 'vitest';
import { createEventChannel, createLens, createRng, evidenceOf, type Evidence } from '@losslens/core';
import { makeTwoMoons, subset } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';
import { detectorNames } from './detection.js';
import { health, HEALTH_PLUGIN_VERSION, type HealthAnalysisContext } from './plugin.js';
import { recordHealth } from './record-health.js';
import pkg from '../package.json' with { type: 'json' };

describe('health plugin', () => {
  it('registers one analysis per detector and the cheap runs, and they run on a recorded fit', async () => {
    const lens = await createLens({ plugins: [health()], backend: 'cpu' });
    expect(lens.analyses.keys().sort()).toEqual(
      [...detectorNames, 'overfit-one-batch', 'zeroed-input-baseline', 'label-shuffle', 'lr-range', 'noise-scale'].map((n) => `health/${n}`).sort(),
    );
    const moons = makeTwoMoons({ n: 120, seed: 1 });
    const train = subset(moons, Array.from({ length: 90 }, (_, i) => i));
    const validation = subset(moons, Array.from({ length: 30 }, (_, i) => 90 + i));
    // A 6-layer sigmoid net: the vanishing-gradient analysis must fire and name the layers.
    const model = createModel('mlp:16x16x16x16x16x16:sigmoid', { inputShape: [2], outputs: 2, task: 'classification' });
    const recorder = recordHealth({ model, probe: train });
    const result = await fit({ model, train, optimizer: 'sgd', learningRate: 0.1, epochs: 5, batchSize: 32, hooks: recorder.hooks });
    const context: HealthAnalysisContext = { rng: createRng(1), events: createEventChannel(), healthSignals: await recorder.finish(result), model, train, validation, healthFit: { epochs: 3 } };
    const bare = { rng: createRng(1), events: createEventChannel() };
    for (const key of lens.analyses.keys()) expect(lens.analyses.get(key).applies?.(bare), key).toBe(false);
    const [vanishing] = evidenceOf(await lens.analyses.get('health/vanishing-gradients').run(context)) as [Evidence];
    expect(vanishing.check).toBe('vanishing-gradients');
    expect(vanishing.values['fired']).toBe(true);
    expect(vanishing.values['threshold']).toBe(0.03);
    const layers = vanishing.values['layers'] as string[];
    const ratios = vanishing.values['ratios'] as number[];
    expect(layers[0]).toBe('dense_1');
    expect(layers).toEqual(ratios.flatMap((r, i) => (i < ratios.length - 1 && r < 0.03 ? [`dense_${i + 1}`] : [])));
    expect(vanishing.finding).toMatch(new RegExp(`^vanishing gradients in layers 1–${layers.length} of 7`));
    const [shuffle] = evidenceOf(await lens.analyses.get('health/label-shuffle').run(context)) as [Evidence];
    expect(shuffle.check).toBe('label-shuffle');
    expect(shuffle.values['passed']).toBe(true);
    const [noise] = evidenceOf(await lens.analyses.get('health/noise-scale').run(context)) as [Evidence];
    expect(noise.finding).toMatch(/critical batch size/);
  });

  it('reports the package version', () => {
    expect(HEALTH_PLUGIN_VERSION).toBe(pkg.version);
  });
});
