/**
 * Imports the plugin modules named by `--plugin`: a path (.js, .mjs, .cjs, or .ts through tsx)
 * or a package name resolved from the working directory, optionally `#export` to pick one export.
 * A module may default-export a plugin or a factory returning one, or export plugins by name.
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
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    // TypeScript without a loader in this process (the installed CLI): load it through tsx.
    if (!/\.[cm]?ts$/i.test(file) || (error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw fail(`cannot import plugin "${specifier}": ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    const { tsImport } = await import('tsx/esm/api');
    const module = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
    // In a CommonJS project tsx compiles the file to CommonJS: its exports arrive as `default`.
    const inner = module['default'] as Record<string, unknown> | undefined;
    return inner !== null && typeof inner === 'object' && !looksLikePlugin(inner) && '__esModule' in inner ? inner : module;
  } catch (error) {
    throw fail(`cannot import plugin "${specifier}": ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * The plugins a module offers: the export `pick` names (`module#sensors`), else its default
 * export (a plugin or a factory), else its exported plugin objects, else its one exported function.
 */
function pluginsOf(module: Record<string, unknown>, specifier: string, pick: string | undefined): Plugin[] {
  const make = (value: unknown, name: string): Plugin | undefined => {
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
  const named = Object.entries(module).filter(([key]) => key !== 'default');
  if (pick !== undefined) {
    if (!(pick in module)) throw fail(`plugin "${specifier}" has no export "${pick}" (exports: ${Object.keys(module).join(', ')})`);
    const plugin = make(module[pick], pick);
    if (plugin === undefined) throw fail(`plugin "${specifier}": export "${pick}" is neither a plugin nor a function returning one`);
    return [plugin];
  }
  if (module['default'] !== undefined) {
    const plugin = make(module['default'], 'default');
    if (plugin === undefined) throw fail(`plugin "${specifier}": its default export is neither a plugin nor a function returning one`);
    return [plugin];
  }
  const objects = named.filter(([, value]) => looksLikePlugin(value)).map(([, value]) => value as Plugin);
  if (objects.length > 0) return objects;
  const functions = named.filter(([, value]) => typeof value === 'function');
  if (functions.length === 1) {
    const plugin = make(functions[0]![1], functions[0]![0]);
    if (plugin !== undefined) return [plugin];
  }
  const hint = functions.length > 1 ? `; name the factory, e.g. ${specifier}#${functions[0]![0]}` : '';
  throw fail(`plugin "${specifier}" exports no plugin: default-export a plugin or a function returning one${hint}`);
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
    const hash = specifier.lastIndexOf('#');
    const target = hash > 0 ? specifier.slice(0, hash) : specifier;
    const pick = hash > 0 ? specifier.slice(hash + 1) : undefined;
    if (builtin.has(target)) continue;
    const file = isPath(target) ? resolve(cwd, target) : resolvePackage(target, cwd);
    plugins.push(...pluginsOf(await importModule(file, specifier), specifier, pick));
  }
  return plugins;
}
