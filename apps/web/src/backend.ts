/**
 * Backend selection in the browser: webgpu → webgl → wasm → cpu through core's
 * `initTensorflow`, with the wasm binaries served by Vite, and a check that synchronous
 * reads (`dataSync`) work, which training code in the packages relies on.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backendProviders, initTensorflow } from '@losslens/core';
import { createDefaultLens, type DefaultLens } from '@losslens/lens';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** What the backend menu offers; `auto` takes the first that starts, in priority order. */
export const backendChoices = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof backendChoices)[number];

/** The backend a run got, and why it is not the one asked for when it is not. */
export interface ActiveBackend {
  name: string;
  /** The page's lens on this backend (one per backend, created the first time it is chosen). */
  lens: DefaultLens;
  /** Set when the run moved to another backend, in one sentence. */
  note?: string;
}

let wasmPathsSet = false;
const lenses = new Map<string, Promise<DefaultLens>>();

/** The one lens on `backend` (already active): the built-in packages, created once. */
function lensOn(backend: string): Promise<DefaultLens> {
  let lens = lenses.get(backend);
  if (lens === undefined) {
    lens = createDefaultLens({ backend });
    lenses.set(backend, lens);
  }
  return lens;
}
const syncReadResults = new Map<string, boolean>();

/** Points the wasm backend at the `.wasm` files Vite serves (once, before it first starts). */
async function setWasmPathsOnce(): Promise<void> {
  if (wasmPathsSet) return;
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
  });
  wasmPathsSet = true;
}

/**
 * Whether `dataSync()` returns the right values on the active backend (cached per backend).
 * The webgpu backend reads synchronously through a canvas, which returns zeros in some
 * browsers (headless Chromium on SwiftShader); the sum runs on the GPU (2048 elements is above
 * tfjs's CPU hand-off size).
 */
export function syncReadsWork(): boolean {
  const name = tf.getBackend();
  let works = syncReadResults.get(name);
  if (works === undefined) {
    const sum = tf.tidy(() => tf.sum(tf.range(0, 2048, 1, 'float32')));
    try {
      works = sum.dataSync()[0] === 2096128; // 0 + 1 + … + 2047
    } catch {
      works = false;
    } finally {
      sum.dispose();
    }
    syncReadResults.set(name, works);
  }
  return works;
}

/**
 * Starts the chosen backend (or the best available for `auto`) and returns the active one.
 * With `syncReads`, a backend whose synchronous reads fail hands over to the next one in
 * priority order, and the result says so. Throws core's E_BACKEND_UNAVAILABLE error when a
 * named backend cannot start.
 * @example
 * const { name } = await startBackend('auto'); // 'webgpu' where the browser has it
 */
export async function startBackend(choice: BackendChoice, options: { syncReads?: boolean } = {}): Promise<ActiveBackend> {
  await setWasmPathsOnce();
  const { backend } = await initTensorflow(choice === 'auto' ? {} : { backend: choice });
  if (options.syncReads !== true || syncReadsWork()) return { name: backend, lens: await lensOn(backend) };
  const order = backendProviders().map((p) => p.name);
  for (const next of order.slice(order.indexOf(backend) + 1)) {
    try {
      await initTensorflow({ backend: next });
    } catch {
      continue;
    }
    if (syncReadsWork()) {
      return {
        name: next,
        lens: await lensOn(next),
        note: `${backend} cannot read tensors synchronously in this browser and this experiment's training loop needs to, so it runs on ${next}`,
      };
    }
  }
  throw new Error(`no backend here can read tensors synchronously (tried ${order.join(', ')})`);
}
