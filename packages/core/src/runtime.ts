/**
 * Sets TensorFlow.js up for losslens: loads the union package (ops and stock gradients),
 * registers the second-order-safe gradients, and selects a backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { builtinBackends, currentEnvironment } from './backends.js';
import { LosslensError } from './errors.js';
import { registerSecondOrderGradients } from './gradients/second-order.js';
import type { BackendProvider } from './contracts.js';

let loaded: Promise<void> | undefined;

/** Loads tfjs and registers all gradients, once. */
export function loadTensorflow(): Promise<void> {
  loaded ??= import('@tensorflow/tfjs').then(() => registerSecondOrderGradients());
  return loaded;
}

/** Options for {@link initTensorflow}. */
export interface InitOptions {
  /** A backend name; default: the available one with the highest priority. */
  backend?: string;
  /** Extra providers, e.g. from plugins; they win over built-ins of the same name. */
  providers?: readonly BackendProvider[];
}

/** The providers usable in this environment, highest priority first. */
export function backendProviders(extra: readonly BackendProvider[] = []): BackendProvider[] {
  const env = currentEnvironment();
  const byName = new Map<string, BackendProvider>();
  for (const p of [...builtinBackends, ...extra]) byName.set(p.name, p);
  return [...byName.values()]
    .filter((p) => p.environments.includes(env))
    .sort((a, b) => b.priority - a.priority);
}

/**
 * Loads tfjs, registers second-order-safe gradients, and activates a backend.
 * Without a name it keeps a backend already active (one you chose with `tf.setBackend`, or an
 * earlier call's) unless a plugin contributes backends; with none active it tries the providers by priority and takes the first that loads.
 * @example
 * const { backend } = await initTensorflow({ backend: 'cpu' });
 */
export async function initTensorflow(options: InitOptions = {}): Promise<{ backend: string }> {
  await loadTensorflow();
  const providers = backendProviders(options.providers);
  if (options.backend !== undefined) {
    const provider = providers.find((p) => p.name === options.backend);
    if (provider === undefined) {
      throw new LosslensError(
        'E_BACKEND_UNAVAILABLE',
        `unknown backend "${options.backend}"; choose one of ${providers.map((p) => p.name).join(', ')}`,
        'input',
        { flag: '--backend' },
      );
    }
    await activate(provider);
    return { backend: tf.getBackend() };
  }
  const active = tf.engine().backendName;
  const contributed = (options.providers ?? []).length > 0; // a plugin's backend is a request to use it
  if (!contributed && active !== null && active !== undefined && active !== '') return { backend: active };
  const failures: string[] = [];
  for (const provider of providers) {
    try {
      await activate(provider);
      return { backend: tf.getBackend() };
    } catch (error) {
      failures.push(`${provider.name}: ${(error as Error).message}`);
    }
  }
  throw new LosslensError('E_BACKEND_UNAVAILABLE', `no backend could start (${failures.join('; ')})`);
}

async function activate(provider: BackendProvider): Promise<void> {
  if (tf.getBackend() === provider.name) return;
  await provider.load();
  const ok = await tf.setBackend(provider.name);
  if (!ok) {
    throw new LosslensError('E_BACKEND_UNAVAILABLE', `backend "${provider.name}" failed to initialize`, 'input', {
      flag: '--backend',
    });
  }
  await tf.ready();
}

/** One row of {@link listBackends}. */
export interface BackendStatus {
  name: string;
  available: boolean;
  isDefault: boolean;
  reason?: string;
}

/**
 * Tries every backend of this environment and reports which load; the default is the
 * available one with the highest priority. Leaves the default active.
 * @example
 * for (const b of await listBackends()) console.log(b.name, b.available);
 */
export async function listBackends(extra: readonly BackendProvider[] = []): Promise<BackendStatus[]> {
  await loadTensorflow();
  const rows: BackendStatus[] = [];
  for (const provider of backendProviders(extra)) {
    try {
      await activate(provider);
      rows.push({ name: provider.name, available: true, isDefault: false });
    } catch (error) {
      rows.push({ name: provider.name, available: false, isDefault: false, reason: (error as Error).message });
    }
  }
  const chosen = rows.find((r) => r.available);
  if (chosen !== undefined) {
    chosen.isDefault = true;
    await initTensorflow({ backend: chosen.name, providers: extra });
  }
  return rows;
}
