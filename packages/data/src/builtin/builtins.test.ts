import { describe, expect, it } from 'vitest';
import { builtinDatasets, loadBuiltin } from './builtins.js';

describe('loadBuiltin', () => {
  it('loads real and synthetic datasets by name', async () => {
    expect((await loadBuiltin('iris')).n).toBe(150);
    expect((await loadBuiltin('two-moons', { n: 50, seed: 2 })).n).toBe(50);
    expect(Object.keys(builtinDatasets)).toEqual(
      expect.arrayContaining(['mnist', 'iris', 'cars', 'penguins', 'seattle-weather', 'curve', 'teacher', 'two-moons', 'spirals']),
    );
  });
  it('an unknown name is an input error listing the known ones', async () => {
    await expect(loadBuiltin('cifar')).rejects.toThrow(
      /^--dataset: unknown built-in dataset "cifar"; choose one of mnist, iris, cars, penguins, seattle-weather, curve/,
    );
    await expect(loadBuiltin('toString')).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
