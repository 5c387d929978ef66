import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { createLens, createRng } from '@losslens/core';
import { describe, expect, it } from 'vitest';
import { DATA_PLUGIN_VERSION, data } from './plugin.js';

describe('data() plugin', () => {
  it('registers datasets and augmentations under namespaced keys, version equal to package.json', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    const plugin = data();
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.version).toBe(pkg.version);
    expect(DATA_PLUGIN_VERSION).toBe(pkg.version);
    const lens = await createLens({ plugins: [plugin], backend: 'cpu' });
    expect(lens.datasets.keys().sort()).toEqual(
      [
        'data/cars', 'data/iris', 'data/mnist', 'data/penguins', 'data/seattle-weather',
        'synthetic/concept-drift', 'synthetic/covariate-shift', 'synthetic/curve', 'synthetic/label-shift',
        'synthetic/spirals', 'synthetic/teacher', 'synthetic/two-moons',
      ].sort(),
    );
    expect(lens.augmentations.keys().sort()).toEqual(
      ['data/gaussian-noise', 'data/horizontal-flip', 'data/mixup', 'data/random-translate', 'data/tabular-noise'],
    );
    expect(lens.datasets.owner('data/iris')).toBe('@losslens/data');
  });

  it('factories build what they name', async () => {
    const lens = await createLens({ plugins: [data()], backend: 'cpu' });
    expect((await lens.datasets.get('data/iris')()).n).toBe(150);
    expect((await lens.datasets.get('synthetic/two-moons')({ n: 30, seed: 1 })).n).toBe(30);
    const test = await lens.datasets.get('synthetic/covariate-shift')({ part: 'test', n: 20, seed: 1 });
    expect(test.name).toBe('covariate-shift-test');
    expect(() => lens.datasets.get('synthetic/label-shift')({ part: 'validation' })).toThrow(
      'part must be "train" or "test", got "validation"',
    );
    const flip = lens.augmentations.get('data/horizontal-flip')({ probability: 1 });
    const batch = { x: tf.tensor4d([1, 2], [1, 1, 2, 1]), y: tf.tensor2d([1], [1, 1]) };
    const out = flip(batch, createRng(1));
    expect(Array.from(await out.x.data())).toEqual([2, 1]);
    tf.dispose([batch.x, batch.y, out.x, out.y]);
  });
});
