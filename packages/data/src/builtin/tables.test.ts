import { describe, expect, it } from 'vitest';
import { summarizeDataset } from '../summary.js';
import { loadIris } from './iris.js';
import { loadCars, loadPenguins, loadSeattleWeather } from './vega-tables.js';

const means = (ds: Parameters<typeof summarizeDataset>[0]) =>
  Object.fromEntries(summarizeDataset(ds).columns.map((c) => [c.name, c.mean]));

describe('built-in tables (reference values from the datasets\' standard summaries)', () => {
  it('iris: 150 rows, 50 per species, scikit-learn load_iris column means', async () => {
    const ds = await loadIris();
    expect(ds.n).toBe(150);
    expect(ds.task).toBe('classification');
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(summarizeDataset(ds).classBalance?.map((c) => c.count)).toEqual([50, 50, 50]);
    expect(Array.from(ds.features.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    // sklearn: load_iris().data.mean(axis=0) = [5.84333333, 3.05733333, 3.758, 1.19933333]
    const m = means(ds);
    expect(m['sepal_length']).toBeCloseTo(5.843333, 5);
    expect(m['sepal_width']).toBeCloseTo(3.057333, 5);
    expect(m['petal_length']).toBeCloseTo(3.758, 5);
    expect(m['petal_width']).toBeCloseTo(1.199333, 5);
  });

  it('cars: 392 complete rows of 406 (as ISLR\'s Auto), regression on Miles_per_Gallon', async () => {
    const ds = await loadCars();
    expect(ds.n).toBe(392);
    expect(ds.task).toBe('regression');
    expect(ds.featureNames).toEqual(['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year']);
    expect(ds.origin).toBe('builtin:cars from vega-datasets cars.json (14 rows with missing values dropped)');
    // ISLR Auto (392 rows): mean mpg 23.44592, horsepower 104.4694, weight 2977.584
    const m = means(ds);
    expect(m['Miles_per_Gallon']).toBeCloseTo(23.44592, 4);
    expect(m['Horsepower']).toBeCloseTo(104.4694, 3);
    expect(m['Weight_in_lbs']).toBeCloseTo(2977.584, 2);
    // first row: chevrolet chevelle malibu, 1970
    expect(Array.from(ds.features.subarray(0, 6))).toEqual([8, 307, 130, 3504, 12, 1970]);
    expect(ds.targets[0]).toBe(18);
  });

  it('penguins: 342 rows (palmerpenguins with bill data), Adelie 151 / Chinstrap 68 / Gentoo 123', async () => {
    const ds = await loadPenguins();
    expect(ds.n).toBe(342);
    expect(ds.classNames).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(summarizeDataset(ds).classBalance?.map((c) => c.count)).toEqual([151, 68, 123]);
    expect(ds.origin).toContain('2 rows with missing values dropped');
    // palmerpenguins: mean(bill_length_mm) 43.92193, mean(body_mass_g) 4201.754
    const m = means(ds);
    expect(m['Beak Length (mm)']).toBeCloseTo(43.92193, 4);
    expect(m['Body Mass (g)']).toBeCloseTo(4201.754, 2);
  });

  it('seattle-weather: 1,461 days, rain 641 / sun 640 / fog 101 / drizzle 53 / snow 26', async () => {
    const ds = await loadSeattleWeather();
    expect(ds.n).toBe(1461);
    expect(ds.featureNames).toEqual(['precipitation', 'temp_max', 'temp_min', 'wind']);
    const balance = Object.fromEntries(summarizeDataset(ds).classBalance!.map((c) => [c.name, c.count]));
    expect(balance).toEqual({ drizzle: 53, fog: 101, rain: 641, snow: 26, sun: 640 });
  });
});
