import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createLens, definePlugin } from './plugin.js';
import { LosslensError, PluginError } from './errors.js';
import { initTensorflow } from './runtime.js';
import type { Dataset } from './contracts.js';

const base = (name: string, version = '1.0.0', dependencies: string[] = []) =>
  definePlugin({ name, version, dependencies, provides: {} });

describe('createLens', () => {
  it('rejects a plugin listed twice, naming it', async () => {
    await expect(createLens({ plugins: [base('p'), base('p')], backend: 'cpu' })).rejects.toThrow(
      'plugin "p" is listed twice; remove one of them',
    );
  });

  it('rejects two plugins registering the same key, naming both', async () => {
    const a = definePlugin({ name: 'a', version: '1.0.0', provides: { splitters: { 'x/k': () => ({ name: 'k', split: () => [] }) } } });
    const b = definePlugin({ name: 'b', version: '1.0.0', provides: { splitters: { 'x/k': () => ({ name: 'k', split: () => [] }) } } });
    const error = await createLens({ plugins: [a, b], backend: 'cpu' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginError);
    expect((error as PluginError).code).toBe('E_PLUGIN_DUPLICATE');
    expect((error as Error).message).toBe(
      'plugin "b" registers splitters "x/k", already registered by "a"; rename one of them',
    );
  });

  it('rejects a missing dependency, naming the plugin and the fix', async () => {
    const error = await createLens({ plugins: [base('mine', '1.0.0', ['@losslens/models'])], backend: 'cpu' }).catch(
      (e: unknown) => e,
    );
    expect((error as LosslensError).code).toBe('E_PLUGIN_DEPENDENCY');
    expect((error as Error).message).toBe(
      'plugin "mine" needs "@losslens/models", which is not in the plugin list; add @losslens/models to createLens({ plugins })',
    );
  });

  it('rejects an incompatible version', async () => {
    const error = await createLens({
      plugins: [base('@losslens/models', '0.1.0'), base('mine', '1.0.0', ['@losslens/models@^1.0.0'])],
      backend: 'cpu',
    }).catch((e: unknown) => e);
    expect((error as LosslensError).code).toBe('E_PLUGIN_VERSION');
    expect((error as Error).message).toBe(
      'plugin "mine" needs @losslens/models@^1.0.0, but version 0.1.0 is installed; install a matching version',
    );
  });

  it('accepts a satisfied version range and scoped names', async () => {
    const lens = await createLens({
      plugins: [base('@losslens/models', '1.2.0'), base('mine', '1.0.0', ['@losslens/models@^1.0.0'])],
      backend: 'cpu',
    });
    expect(lens.plugins.map((p) => p.name)).toEqual(['@losslens/models', 'mine']);
  });

  it('rejects malformed plugins and keys at definePlugin', () => {
    expect(() => definePlugin({ name: '', version: '1.0.0' })).toThrow(/non-empty "name"/);
    expect(() => definePlugin({ name: 'x', version: 'one' })).toThrow('plugin "x": version "one" is not semver (e.g. "1.0.0")');
    expect(() =>
      definePlugin({ name: 'x', version: '1.0.0', provides: { datasets: { tiny: () => ({}) as Dataset } } }),
    ).toThrow('plugin "x": datasets key "tiny" must look like "namespace/name"');
    expect(() => definePlugin({ name: 'x', version: '1.0.0', provides: { widgets: {} } as never })).toThrow(
      /unknown contribution kind "widgets"/,
    );
  });

  it('names the known keys when a contribution is missing', async () => {
    const lens = await createLens({ plugins: [], backend: 'cpu' });
    expect(() => lens.datasets.get('data/nope')).toThrow('no dataset named "data/nope" (known: none registered)');
  });

  it('runs setup once per plugin, after the backend is active, in order', async () => {
    const calls: string[] = [];
    const p = (name: string) =>
      definePlugin({
        name,
        version: '1.0.0',
        setup: ({ lens }) => {
          calls.push(`${name}:${lens.backend}:${tf.getBackend()}`);
        },
      });
    await createLens({ plugins: [p('one'), p('two')], backend: 'cpu' });
    expect(calls).toEqual(['one:cpu:cpu', 'two:cpu:cpu']);
  });

  it('lets a plugin contribute a backend', async () => {
    let loaded = 0;
    const plugin = definePlugin({
      name: 'alias-backend',
      version: '1.0.0',
      provides: {
        backends: {
          'alias/cpu2': {
            name: 'cpu',
            environments: ['node'],
            priority: 99,
            async load() {
              loaded++;
            },
          },
        },
      },
    });
    await initTensorflow({ backend: 'wasm' });
    const lens = await createLens({ plugins: [plugin] });
    expect(lens.backend).toBe('cpu');
    expect(loaded).toBe(1);
  });
});

describe('initTensorflow and a backend you chose', () => {
  it('keeps the active backend when none is asked for, and switches when one is', async () => {
    await initTensorflow({ backend: 'cpu' });
    expect((await initTensorflow()).backend).toBe('cpu');
    expect((await createLens({ plugins: [] })).backend).toBe('cpu');
    expect((await initTensorflow({ backend: 'wasm' })).backend).toBe('wasm');
  });
});
