/**
 * Vite config of the web app. Workspace packages resolve to their TypeScript sources
 * (no prior build of a sibling package), and tfjs-core is deduplicated so the app, the
 * backends and @losslens/* share one engine.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const packages = ['plot', 'core', 'data', 'models', 'optim', 'critical', 'validate', 'health', 'diagnose', 'lens'];

/**
 * Browser stand-ins for Node-only modules on code paths the app never takes: @losslens/optim's
 * batchStudy loads `node:os` and `piscina` (worker threads) lazily, only in Node, but Vite would
 * still bundle them into a lazy chunk. The stubs keep Node-only code out of the bundle; using
 * them throws.
 */
const nodeOnlyStubs: Record<string, string> = {
  'node:os': [
    'export const availableParallelism = () => globalThis.navigator?.hardwareConcurrency ?? 1;',
    'export const cpus = () => [];',
    'export default { availableParallelism, cpus };',
  ].join('\n'),
  piscina: [
    'export class Piscina {',
    '  constructor() { throw new Error("piscina (worker threads) is Node-only: run batchStudy with workers: 1 in the browser"); }',
    '}',
    'export default Piscina;',
  ].join('\n'),
};

function nodeOnlyStubsPlugin(): Plugin {
  const prefix = '\0losslens-stub:';
  return {
    name: 'losslens-node-only-stubs',
    enforce: 'pre',
    resolveId: (id) => (id in nodeOnlyStubs ? prefix + id : undefined),
    load: (id) => (id.startsWith(prefix) ? nodeOnlyStubs[id.slice(prefix.length)] : undefined),
  };
}

export default defineConfig({
  plugins: [nodeOnlyStubsPlugin()],
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: packages.map((name) => ({
      find: new RegExp(`^@losslens/${name}$`),
      replacement: `${root}packages/${name}/src/index.ts`,
    })),
    dedupe: ['@tensorflow/tfjs-core'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000, reportCompressedSize: false },
  worker: { format: 'es' },
});
