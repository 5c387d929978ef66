import type { Dataset } from '@losslens/core';
import { parseCsv } from '../csv.js';
import { recordsToDataset } from '../json.js';
import { readTextFile } from '../read-text-file.js';
import { packageFile } from './node-require.js';

/** The car features used, in order (`Year` becomes the model year as a number, e.g. 1970). */
const CAR_FEATURES = ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year'];
/** The penguin features used, in order. */
const PENGUIN_FEATURES = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];

/**
 * Builds the cars regression table (target `Miles_per_Gallon`) from vega-datasets `cars.json`
 * records. Rows missing the target or a feature (406 → 392) are dropped, and `origin` says how
 * many. `Name` and `Origin` are not used. Pure: usable in the browser.
 * @example
 * carsFromRecords(records).featureNames; // Cylinders, Displacement, Horsepower, Weight_in_lbs, Acceleration, Year
 */
export function carsFromRecords(records: readonly Record<string, unknown>[]): Dataset {
  const rows = records.map((r) => ({ ...r, Year: typeof r['Year'] === 'string' ? Number(r['Year'].slice(0, 4)) : r['Year'] }));
  return recordsToDataset(rows, {
    file: 'builtin:cars',
    target: 'Miles_per_Gallon',
    task: 'regression',
    features: CAR_FEATURES,
    dropMissing: true,
    name: 'cars',
    origin: 'builtin:cars from vega-datasets cars.json',
  });
}

/**
 * Builds the penguins classification table (target `Species`: Adelie, Chinstrap, Gentoo) from
 * vega-datasets `penguins.json` records, with the four body measurements as features; rows
 * missing one (344 → 342) are dropped, and `origin` says so. Pure: usable in the browser.
 * @example
 * penguinsFromRecords(records).classNames; // ['Adelie', 'Chinstrap', 'Gentoo']
 */
export function penguinsFromRecords(records: readonly Record<string, unknown>[]): Dataset {
  return recordsToDataset(records, {
    file: 'builtin:penguins',
    target: 'Species',
    task: 'classification',
    features: PENGUIN_FEATURES,
    dropMissing: true,
    name: 'penguins',
    origin: 'builtin:penguins from vega-datasets penguins.json',
  });
}

/**
 * Builds the Seattle weather classification table (target `weather`: drizzle, fog, rain, snow,
 * sun) from vega-datasets `seattle-weather.csv` text; features precipitation (mm), temp_max,
 * temp_min (°C) and wind (m/s); `date` is not used.
 * @example
 * seattleWeatherFromCsv(text).outputs; // 5
 */
export function seattleWeatherFromCsv(text: string): Dataset {
  return parseCsv(text, {
    file: 'builtin:seattle-weather',
    target: 'weather',
    task: 'classification',
    features: ['precipitation', 'temp_max', 'temp_min', 'wind'],
    name: 'seattle-weather',
    origin: 'builtin:seattle-weather from vega-datasets seattle-weather.csv',
  });
}

/**
 * Loads vega-datasets `cars.json` as a regression table (Node); see {@link carsFromRecords}.
 * @example
 * const cars = await loadCars(); // cars.n === 392
 */
export async function loadCars(): Promise<Dataset> {
  return carsFromRecords(JSON.parse(await readTextFile(await packageFile('vega-datasets', 'data/cars.json'))));
}

/**
 * Loads vega-datasets `penguins.json` as a classification table (Node); see {@link penguinsFromRecords}.
 * @example
 * const penguins = await loadPenguins(); // penguins.n === 342
 */
export async function loadPenguins(): Promise<Dataset> {
  return penguinsFromRecords(JSON.parse(await readTextFile(await packageFile('vega-datasets', 'data/penguins.json'))));
}

/**
 * Loads vega-datasets `seattle-weather.csv` as a classification table (Node); see {@link seattleWeatherFromCsv}.
 * @example
 * const weather = await loadSeattleWeather(); // weather.n === 1461
 */
export async function loadSeattleWeather(): Promise<Dataset> {
  return seattleWeatherFromCsv(await readTextFile(await packageFile('vega-datasets', 'data/seattle-weather.csv')));
}
