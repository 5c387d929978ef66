/**
 * The lens every command works through: the built-in packages plus the `--plugin` modules.
 */
import { InputError } from '@losslens/core';
import { createDefaultLens, type DefaultLens } from '@losslens/lens';
import { defaultLearningRate } from '@losslens/diagnose';
import type { CliIO } from './command.js';
import { loadPluginModules } from './load-plugins.js';

/** The flags that shape the lens. */
export interface LensFlags {
  plugin?: string[];
  backend?: string;
}

/** The `--plugin` option every name-taking command has: `.option(...pluginFlag)`. */
export const pluginFlag = [
  '--plugin <module...>',
  'plugin modules (a path, .ts too, or a package name) whose datasets, models, optimizers, splitters, augmentations and analyses join the built-ins',
] as const;

/**
 * The built-ins plus the `--plugin` modules, on the `--backend` asked for.
 * @example
 * const lens = await openLens(flags, io);
 * const train = await lens.dataset('curve', { seed: 0 });
 */
export async function openLens(flags: LensFlags, io: CliIO): Promise<DefaultLens> {
  const plugins = await loadPluginModules(flags.plugin ?? [], io.cwd);
  return createDefaultLens({ plugins, ...(flags.backend !== undefined ? { backend: flags.backend } : {}), events: io.events });
}

/**
 * `{ learningRate }` for a fit: `--lr` when given, else the diagnosis's default for the optimizer
 * (0.01 for adam, adamw and lamb), else nothing (the optimizer's own). Every command trains with it.
 * @example
 * lens.fit({ ...withDefaultRate(lens, flags.optimizer, flags.lr), model, train });
 */
export function withDefaultRate(lens: DefaultLens, optimizer: string, lr: number | undefined): { learningRate?: number } {
  const learningRate = lr ?? defaultLearningRate(lens, optimizer);
  return learningRate === undefined ? {} : { learningRate };
}

/** Checks that an optimizer name resolves (before any work), naming `--optimizer`. */
export function checkOptimizer(lens: DefaultLens, name: string): void {
  lens.optimizers.resolve(name, '--optimizer');
}

/**
 * Splits `NAME[:json-config]` (e.g. `data/gaussian-noise:{"std":0.1}`) into a name and its config.
 * @example
 * parseNamedConfig('cosine:{"totalEpochs":20}', '--schedule'); // { name: 'cosine', config: { totalEpochs: 20 } }
 */
export function parseNamedConfig(value: string, flag: string): { name: string; config: Record<string, unknown> } {
  const colon = value.indexOf(':{');
  const name = colon < 0 ? value : value.slice(0, colon);
  if (colon < 0) return { name, config: {} };
  try {
    const config = JSON.parse(value.slice(colon + 1)) as unknown;
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('expected a JSON object');
    return { name, config: config as Record<string, unknown> };
  } catch (error) {
    throw new InputError('E_USAGE', `the config after "${name}:" is not a JSON object: ${(error as Error).message}`, { flag });
  }
}

/** Builds a named contribution once (before any work) so a bad config fails at once, naming `flag`. */
function tryBuild(key: string, build: () => unknown, flag: string): void {
  try {
    build();
  } catch (error) {
    throw new InputError('E_USAGE', `${key}: ${(error as Error).message.split('\n')[0]}`, { flag });
  }
}

/**
 * `--augment NAME[:json-config]` as an augmentation spec, checked against the lens.
 * @example
 * parseAugment(lens, 'data/gaussian-noise:{"std":0.1}'); // { name: 'data/gaussian-noise', config: { std: 0.1 } }
 */
export function parseAugment(lens: DefaultLens, value: string): { name: string; config: Record<string, unknown> } {
  const { name, config } = parseNamedConfig(value, '--augment');
  const { key, value: factory } = lens.augmentations.resolve(name, '--augment');
  tryBuild(key, () => factory(config), '--augment');
  return { name: key, config };
}

/**
 * `--schedule NAME[:json-config]` as a schedule `{ name, ...config }`, checked against the lens.
 * @example
 * parseSchedule(lens, 'cosine:{"totalEpochs":20}'); // { name: 'optim/cosine', totalEpochs: 20 }
 */
export function parseSchedule(lens: DefaultLens, value: string): { name: string; [option: string]: unknown } {
  const { name, config } = parseNamedConfig(value, '--schedule');
  const { key, value: factory } = lens.schedules.resolve(name, '--schedule');
  tryBuild(key, () => factory(config), '--schedule');
  return { ...config, name: key };
}
