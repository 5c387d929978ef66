/**
 * Imports the plugin modules named by `--plugin`: a path (.js, .mjs, .cjs, or .ts through tsx)
 * or a package name resolved from the working directory. A module may default-export a plugin
 * or a factory returning one, or export plugins (or factories) by name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, type Plugin } from '@losslens/core';
import { defaultPlugins } from '@losslens/lens';

const fail = (message: string) => new InputError('E_USAGE', message, { flag: '--plugin' });

const isPath = (specifier: string) => /^(\.{1,2}[\\/]|[\\/]|[a-z]:[\\/])/i.test(specifier) || /\.[cm]?[jt]s$/i.test(specifier);

const looksLikePlugin = (value: unknown): value is Plugin =>
  typeof value === 'object' && value !== null && typeof (value as Plugin).name === 'string' && typeof (value as Plugin).version === 'string';

/** The file a package name resolves to from `cwd` (its `exports["."]` import/default, or `main`). */
function resolvePackage(name: string, cwd: string): string {
  const require = createRequire(join(cwd, 'package.json'));
  try {
    return require.resolve(name);
  } catch {
    // An ESM-only package (exports with an "import" condition only): find its folder by hand.
  }
  for (let dir = cwd; ; dir = dirname(dir)) {
    const folder = join(dir, 'node_modules', name);
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown; main?: string };
      const root = typeof pkg.exports === 'object' && pkg.exports !== null && '.' in pkg.exports ? (pkg.exports as Record<string, unknown>)['.'] : pkg.exports;
      const entry =
        typeof root === 'string'
          ? root
          : typeof root === 'object' && root !== null
            ? ((root as Record<string, unknown>)['import'] ?? (root as Record<string, unknown>)['default'])
            : undefined;
      return join(folder, typeof entry === 'string' ? entry : (pkg.main ?? 'index.js'));
    }
    if (dirname(dir) === dir) break;
  }
  throw fail(`cannot find package "${name}" from ${cwd}; install it there or give a path like ./my-plugin.js`);
}

async function importModule(file: string, specifier: string): Promise<Record<string, unknown>> {
  if (!existsSync(file)) throw fail(`cannot import plugin "${specifier}": ${file} does not exist`);
  try {
    if (/\.[cm]?ts$/i.test(file)) {
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw fail(`cannot import plugin "${specifier}": ${(error as Error).message.split('\n')[0]}`);
  }
}

/** The plugins a module offers: its default export (a plugin or a factory), else its named plugins or factories. */
function pluginsOf(module: Record<string, unknown>, specifier: string): Plugin[] {
  const call = (value: unknown, name: string): Plugin | undefined => {
    if (looksLikePlugin(value)) return value;
    if (typeof value !== 'function') return undefined;
    let made: unknown;
    try {
      made = (value as () => unknown)();
    } catch (error) {
      throw fail(`plugin "${specifier}": calling its export "${name}" failed: ${(error as Error).message.split('\n')[0]}`);
    }
    return looksLikePlugin(made) ? made : undefined;
  };
  const fromDefault = module['default'] !== undefined ? call(module['default'], 'default') : undefined;
  if (fromDefault) return [fromDefault];
  const named = Object.entries(module).filter(([key]) => key !== 'default');
  const plugins = named.filter(([, value]) => looksLikePlugin(value)).map(([, value]) => value as Plugin);
  const found = plugins.length > 0 ? plugins : named.flatMap(([key, value]) => (typeof value === 'function' ? [call(value, key)] : [])).filter(looksLikePlugin);
  if (found.length === 0) throw fail(`plugin "${specifier}" exports no plugin: default-export a plugin or a function returning one`);
  return found;
}

/**
 * The plugins named on the command line, in order. A built-in package's name (`@losslens/data`)
 * is accepted and skipped: the built-ins are always present.
 * @example
 * const plugins = await loadPluginModules(['./my-plugin.ts', 'losslens-plugin-sensors'], io.cwd);
 */
export async function loadPluginModules(specifiers: readonly string[], cwd: string): Promise<Plugin[]> {
  const builtin = new Set(defaultPlugins().map((p) => p.name));
  const plugins: Plugin[] = [];
  for (const specifier of specifiers) {
    if (builtin.has(specifier)) continue;
    const file = isPath(specifier) ? resolve(cwd, specifier) : resolvePackage(specifier, cwd);
    plugins.push(...pluginsOf(await importModule(file, specifier), specifier));
  }
  return plugins;
}
