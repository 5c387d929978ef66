/**
 * The one plugin contract. Built-in packages and third parties contribute datasets,
 * augmentations, models, optimizers, schedules, splitters, analyses and backends the same way.
 */
import semver from 'semver';
import { InputError, PluginError, LosslensError } from './errors.js';
import { createEventChannel, type EventChannel } from './events.js';
import { createRng, type Rng } from './rng.js';
import { initTensorflow } from './runtime.js';
import type {
  Analysis,
  AugmentationFactory,
  BackendProvider,
  DatasetFactory,
  ModelFactory,
  OptimizerFactory,
  ScheduleFactory,
  SplitterFactory,
} from './contracts.js';

/** What each contribution kind holds. */
export interface ContributionKinds {
  datasets: DatasetFactory;
  augmentations: AugmentationFactory;
  models: ModelFactory;
  optimizers: OptimizerFactory;
  schedules: ScheduleFactory;
  splitters: SplitterFactory;
  analyses: Analysis;
  backends: BackendProvider;
}
export type ContributionKind = keyof ContributionKinds;
export const contributionKinds: readonly ContributionKind[] = [
  'datasets',
  'augmentations',
  'models',
  'optimizers',
  'schedules',
  'splitters',
  'analyses',
  'backends',
];

/** Contributions keyed by `namespace/name`. */
export type Contributions = { [K in ContributionKind]?: Record<string, ContributionKinds[K]> };

/** What `setup` receives: the lens being built (registries filled, backend active). */
export interface SetupContext {
  readonly lens: Lens;
}

/** A plugin: a plain object, usually returned by an options factory. */
export interface Plugin {
  /** Unique name, e.g. `@losslens/models` or `losslens-plugin-mine`. */
  readonly name: string;
  /** Semver version, checked against dependents' ranges. */
  readonly version: string;
  /** Plugins that must be present: `name` or `name@range`, e.g. `@losslens/models@^0.1.0`. */
  readonly dependencies?: readonly string[];
  readonly provides?: Contributions;
  /** Runs once, after all contributions are registered and the backend is active. */
  setup?(context: SetupContext): void | Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._:-]*$/;

/**
 * Checks a plugin's shape and returns it unchanged (typed).
 * @example
 * export const mine = (opts = {}) => definePlugin({
 *   name: 'losslens-plugin-mine', version: '1.0.0',
 *   provides: { datasets: { 'mine/tiny': () => makeTiny(opts) } },
 * });
 */
export function definePlugin<P extends Plugin>(plugin: P): P {
  const label = typeof plugin?.name === 'string' && plugin.name.length > 0 ? plugin.name : '(unnamed)';
  if (label === '(unnamed)') throw new PluginError('E_PLUGIN_INVALID', 'a plugin needs a non-empty "name"');
  if (semver.valid(plugin.version) === null) {
    throw new PluginError('E_PLUGIN_INVALID', `plugin "${label}": version "${String(plugin.version)}" is not semver (e.g. "1.0.0")`);
  }
  for (const kind of Object.keys(plugin.provides ?? {})) {
    if (!contributionKinds.includes(kind as ContributionKind)) {
      throw new PluginError(
        'E_PLUGIN_INVALID',
        `plugin "${label}": unknown contribution kind "${kind}"; use one of ${contributionKinds.join(', ')}`,
      );
    }
    for (const key of Object.keys((plugin.provides as Record<string, object>)[kind] ?? {})) {
      if (!KEY.test(key)) {
        throw new PluginError('E_PLUGIN_INVALID', `plugin "${label}": ${kind} key "${key}" must look like "namespace/name"`);
      }
    }
  }
  return plugin;
}

/** A read-only registry of one contribution kind. */
export interface Registry<T> {
  /** The contribution under `key`; throws naming the known keys when absent. */
  get(key: string): T;
  has(key: string): boolean;
  keys(): string[];
  /** The plugin that contributed `key`. */
  owner(key: string): string | undefined;
  /**
   * Finds what a user typed: the exact key (`mine/tiny`), or a short name (`tiny`) that is the
   * name part of exactly one key (a built-in `@losslens/*` key wins a tie). Throws an input
   * error listing the known keys, naming `flag` when given.
   * @example
   * lens.optimizers.resolve('adam'); // { key: 'optim/adam', value: … }
   */
  resolve(name: string, flag?: string): { key: string; value: T };
}

function createRegistry<T>(kind: string, entries: Map<string, { value: T; owner: string }>): Registry<T> {
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) {
        const known = [...entries.keys()].join(', ') || 'none registered';
        throw new LosslensError('E_UNKNOWN_CONTRIBUTION', `no ${singular(kind)} named "${key}" (known: ${known})`, 'input');
      }
      return entry.value;
    },
    has: (key) => entries.has(key),
    keys: () => [...entries.keys()],
    owner: (key) => entries.get(key)?.owner,
    resolve(name, flag) {
      const exact = entries.get(name);
      if (exact !== undefined) return { key: name, value: exact.value };
      const matches = [...entries.entries()].filter(([key]) => key.slice(key.indexOf('/') + 1) === name);
      const builtin = matches.filter(([, e]) => e.owner.startsWith('@losslens/'));
      const chosen = matches.length === 1 ? matches[0] : builtin.length === 1 ? builtin[0] : undefined;
      if (chosen !== undefined) return { key: chosen[0], value: chosen[1].value };
      const location = flag !== undefined ? { flag } : {};
      if (matches.length > 1) {
        const names = matches.map(([key]) => key).join(', ');
        throw new InputError('E_UNKNOWN_CONTRIBUTION', `"${name}" could be any of ${names}; give the full name`, location);
      }
      const known = [...entries.keys()].join(', ') || 'none registered';
      throw new InputError('E_UNKNOWN_CONTRIBUTION', `no ${singular(kind)} named "${name}" (known: ${known})`, location);
    },
  };
}

const singular = (kind: string): string => (kind === 'analyses' ? 'analysis' : kind.replace(/s$/, ''));

/** The assembled set of plugins with their registries, backend, seed and event channel. */
export interface Lens {
  readonly plugins: readonly Plugin[];
  readonly backend: string;
  readonly seed: number;
  readonly rng: Rng;
  readonly events: EventChannel;
  readonly datasets: Registry<DatasetFactory>;
  readonly augmentations: Registry<AugmentationFactory>;
  readonly models: Registry<ModelFactory>;
  readonly optimizers: Registry<OptimizerFactory>;
  readonly schedules: Registry<ScheduleFactory>;
  readonly splitters: Registry<SplitterFactory>;
  readonly analyses: Registry<Analysis>;
  readonly backends: Registry<BackendProvider>;
}

/** Options for {@link createLens}. */
export interface LensOptions {
  plugins: readonly Plugin[];
  /** Backend name; default: the best available (see `initTensorflow`). */
  backend?: string;
  /** One seed for the whole run (default 0). */
  seed?: number;
  events?: EventChannel;
}

/**
 * Assembles plugins: checks names, dependencies and versions, fills the registries,
 * starts the backend and runs each plugin's `setup` in order.
 * Throws a {@link PluginError} naming the plugin and the fix on any conflict.
 * @example
 * const lens = await createLens({ plugins: [data(), models(), myPlugin()], seed: 1 });
 * const iris = await lens.datasets.get('data/iris')();
 */
export async function createLens(options: LensOptions): Promise<Lens> {
  const plugins = options.plugins.map((p) => definePlugin(p));
  const byName = new Map<string, Plugin>();
  for (const plugin of plugins) {
    if (byName.has(plugin.name)) {
      throw new PluginError('E_PLUGIN_DUPLICATE', `plugin "${plugin.name}" is listed twice; remove one of them`);
    }
    byName.set(plugin.name, plugin);
  }
  for (const plugin of plugins) {
    for (const dependency of plugin.dependencies ?? []) {
      const { name, range } = parseDependency(dependency);
      const found = byName.get(name);
      if (found === undefined) {
        throw new PluginError(
          'E_PLUGIN_DEPENDENCY',
          `plugin "${plugin.name}" needs "${name}", which is not in the plugin list; add ${name} to createLens({ plugins })`,
        );
      }
      if (range !== undefined && !semver.satisfies(found.version, range)) {
        throw new PluginError(
          'E_PLUGIN_VERSION',
          `plugin "${plugin.name}" needs ${name}@${range}, but version ${found.version} is installed; install a matching version`,
        );
      }
    }
  }

  const tables = Object.fromEntries(
    contributionKinds.map((kind) => [kind, new Map<string, { value: unknown; owner: string }>()]),
  ) as Record<ContributionKind, Map<string, { value: unknown; owner: string }>>;
  for (const plugin of plugins) {
    for (const kind of contributionKinds) {
      for (const [key, value] of Object.entries(plugin.provides?.[kind] ?? {})) {
        const previous = tables[kind].get(key);
        if (previous !== undefined) {
          throw new PluginError(
            'E_PLUGIN_DUPLICATE',
            `plugin "${plugin.name}" registers ${kind} "${key}", already registered by "${previous.owner}"; rename one of them`,
          );
        }
        tables[kind].set(key, { value, owner: plugin.name });
      }
    }
  }

  const providers = [...tables.backends.values()].map((e) => e.value as BackendProvider);
  const { backend } = await initTensorflow({ backend: options.backend, providers });
  const seed = options.seed ?? 0;
  const registry = <K extends ContributionKind>(kind: K) =>
    createRegistry(kind, tables[kind] as Map<string, { value: ContributionKinds[K]; owner: string }>);
  const lens: Lens = {
    plugins,
    backend,
    seed,
    rng: createRng(seed),
    events: options.events ?? createEventChannel(),
    datasets: registry('datasets'),
    augmentations: registry('augmentations'),
    models: registry('models'),
    optimizers: registry('optimizers'),
    schedules: registry('schedules'),
    splitters: registry('splitters'),
    analyses: registry('analyses'),
    backends: registry('backends'),
  };
  for (const plugin of plugins) {
    try {
      await plugin.setup?.({ lens });
    } catch (error) {
      const message = (error as Error)?.message?.split('\n')[0] ?? String(error);
      throw new PluginError('E_PLUGIN_SETUP', `plugin "${plugin.name}" failed in setup: ${message}`);
    }
  }
  return lens;
}

function parseDependency(dependency: string): { name: string; range?: string } {
  const at = dependency.lastIndexOf('@');
  if (at > 0) return { name: dependency.slice(0, at), range: dependency.slice(at + 1) };
  return { name: dependency };
}
