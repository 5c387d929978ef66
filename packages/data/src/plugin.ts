import { packageVersion } from './version.js';
import { InputError, definePlugin, type AugmentationFactory, type DatasetFactory, type DatasetOptions } from '@losslens/core';
import { gaussianNoise, type GaussianNoiseOptions } from './augment/gaussian-noise.js';
import { horizontalFlip, type HorizontalFlipOptions } from './augment/horizontal-flip.js';
import { mixup, type MixupOptions } from './augment/mixup.js';
import { randomTranslate, type RandomTranslateOptions } from './augment/random-translate.js';
import { tabularNoise, type TabularNoiseOptions } from './augment/tabular-noise.js';
import { builtinDatasets } from './builtin/builtins.js';
import { makeConceptDrift, type ConceptDriftOptions } from './synthetic/concept-drift.js';
import { makeCovariateShift, type CovariateShiftOptions } from './synthetic/covariate-shift.js';
import { makeLabelShift, type LabelShiftOptions } from './synthetic/label-shift.js';
import type { ShiftPair } from './synthetic/synthetic-dataset.js';

/** The version this package registers under (from package.json). */
export const DATA_PLUGIN_VERSION: string = packageVersion;

/**
 * The `@losslens/data` plugin: real datasets as `data/<name>` (mnist, iris, cars, penguins,
 * seattle-weather), generators as `synthetic/<name>` (curve, teacher, two-moons, spirals, and
 * the shift pairs covariate-shift, label-shift, concept-drift, which take `part: 'train' | 'test'`),
 * and augmentations `data/horizontal-flip`, `data/random-translate`, `data/gaussian-noise`,
 * `data/mixup`, `data/tabular-noise`. Nothing is loaded until a factory is called.
 * @example
 * const lens = await createLens({ plugins: [data()] });
 * const iris = await lens.datasets.get('data/iris')();
 * const flip = lens.augmentations.get('data/horizontal-flip')({ probability: 0.5 });
 */
export function data() {
  const datasets: Record<string, DatasetFactory> = {};
  for (const [name, entry] of Object.entries(builtinDatasets)) {
    datasets[`${entry.kind === 'real' ? 'data' : 'synthetic'}/${name}`] = (options?: DatasetOptions) => entry.load(options);
  }
  datasets['synthetic/covariate-shift'] = (options) => pick(makeCovariateShift(options as CovariateShiftOptions), options);
  datasets['synthetic/label-shift'] = (options) => pick(makeLabelShift(options as LabelShiftOptions), options);
  datasets['synthetic/concept-drift'] = (options) => pick(makeConceptDrift(options as ConceptDriftOptions), options);

  const augmentations: Record<string, AugmentationFactory> = {
    'data/horizontal-flip': (config) => horizontalFlip(config as HorizontalFlipOptions),
    'data/random-translate': (config) => randomTranslate(config as RandomTranslateOptions),
    'data/gaussian-noise': (config) => gaussianNoise(config as GaussianNoiseOptions),
    'data/mixup': (config) => mixup(config as MixupOptions),
    'data/tabular-noise': (config) => tabularNoise(config as TabularNoiseOptions),
  };
  return definePlugin({ name: '@losslens/data', version: DATA_PLUGIN_VERSION, provides: { datasets, augmentations } });
}

function pick(pair: ShiftPair, options: DatasetOptions | undefined) {
  const part = options?.['part'] ?? 'train';
  if (part !== 'train' && part !== 'test') {
    throw new InputError('E_USAGE', `part must be "train" or "test", got ${JSON.stringify(part)}`);
  }
  return pair[part];
}
