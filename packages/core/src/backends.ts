/**
 * Backend selection. Node: `wasm` (default, about 3× the cpu backend), then `cpu`;
 * `tensorflow` through an optional `@tensorflow/tfjs-node(-gpu)` install. Browser:
 * `webgpu` → `webgl` → `wasm` → `cpu`.
 */
import { LosslensError } from './errors.js';
import type { BackendProvider } from './contracts.js';

/** Where this code runs. */
export function currentEnvironment(): 'node' | 'browser' {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return proc?.versions?.node !== undefined ? 'node' : 'browser';
}

/** Imports a module by a name bundlers and TypeScript must not resolve ahead of time. */
async function importOptional(specifier: string): Promise<unknown> {
  return import(/* @vite-ignore */ specifier);
}

const unavailable = (name: string, why: string): LosslensError =>
  new LosslensError('E_BACKEND_UNAVAILABLE', `backend "${name}" is not available: ${why}`, 'input', {
    flag: '--backend',
  });

/** The backends losslens knows without plugins, highest priority first per environment. */
export const builtinBackends: readonly BackendProvider[] = [
  {
    name: 'webgpu',
    environments: ['browser'],
    priority: 40,
    async load() {
      const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
      if (nav?.gpu === undefined) throw unavailable('webgpu', 'this browser exposes no navigator.gpu');
      await import('@tensorflow/tfjs-backend-webgpu');
    },
  },
  { name: 'webgl', environments: ['browser'], priority: 30, async load() {} },
  {
    name: 'wasm',
    environments: ['node', 'browser'],
    priority: 20,
    async load() {
      await import('@tensorflow/tfjs-backend-wasm');
    },
  },
  { name: 'cpu', environments: ['node', 'browser'], priority: 10, async load() {} },
  {
    name: 'tensorflow',
    environments: ['node'],
    priority: 0,
    async load() {
      const failures: string[] = [];
      for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
        try {
          await importOptional(pkg);
          return;
        } catch (error) {
          const { code, message } = error as { code?: string; message?: string };
          // Not installed is expected; installed but broken (a missing libtensorflow, an ABI mismatch) is the real cause.
          if (code !== 'ERR_MODULE_NOT_FOUND' || !String(message).includes(pkg)) failures.push(`${pkg} is installed but failed to load: ${String(message).split('\n')[0]}`);
        }
      }
      throw unavailable(
        'tensorflow',
        failures.length > 0
          ? failures.join('; ')
          : 'install @tensorflow/tfjs-node (or -node-gpu) next to losslens; its install downloads libtensorflow, so it needs that host to be reachable',
      );
    },
  },
];
