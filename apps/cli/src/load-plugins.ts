import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, createLens, type Lens, type Plugin } from '@losslens/core';

/**
 * Imports plugin modules named on the command line (a path or a package name) and assembles
 * them into a lens. A module's default export is a plugin or a factory returning one.
 * @example
 * const lens = await loadPlugins(['./my-plugin.js'], io.cwd, 'wasm');
 */
export async function loadPlugins(specifiers: readonly string[], cwd: string, backend?: string): Promise<Lens> {
  const plugins: Plugin[] = [];
  for (const specifier of specifiers) {
    const target = specifier.startsWith('.') || specifier.startsWith('/') ? pathToFileURL(resolve(cwd, specifier)).href : specifier;
    let module: { default?: unknown };
    try {
      module = (await import(target)) as { default?: unknown };
    } catch (error) {
      throw new InputError('E_USAGE', `cannot import plugin "${specifier}": ${(error as Error).message.split('\n')[0]}`, { flag: '--plugin' });
    }
    const exported = module.default;
    const plugin = typeof exported === 'function' ? (exported as () => unknown)() : exported;
    if (typeof plugin !== 'object' || plugin === null || typeof (plugin as Plugin).name !== 'string') {
      throw new InputError('E_USAGE', `plugin "${specifier}" must default-export a plugin or a function returning one`, { flag: '--plugin' });
    }
    plugins.push(plugin as Plugin);
  }
  return createLens({ plugins, ...(backend !== undefined ? { backend } : {}) });
}
