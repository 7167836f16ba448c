import { describe, expect, it } from 'vitest';
import type { Dataset } from '../types.js';
import { loadCars } from './load-cars.js';
import { loadIris } from './load-iris.js';
import { loadPenguins } from './load-penguins.js';

const classCounts = (ds: Dataset) => {
  const c = ds.classNames.map(() => 0);
  ds.target.forEach((t) => (c[t] = (c[t] as number) + 1));
  return c;
};

const columnRange = (ds: Dataset, name: string): [number, number] => {
  const d = ds.shape[1] as number;
  const j = ds.featureNames.indexOf(name);
  const col = Array.from({ length: ds.shape[0] as number }, (_, i) => ds.features[i * d + j] as number);
  return [Math.min(...col), Math.max(...col)];
};

describe.each([
  {
    load: loadPenguins,
    rows: 342,
    inSource: 344,
    features: ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'],
    classes: ['Adelie', 'Chinstrap', 'Gentoo'],
    counts: [151, 68, 123],
    range: ['body_mass_g', 2700, 6300] as const,
    policy: /dropped 2 of 344 rows .*body_mass_g missing in 2/,
    license: /CC0 1\.0/,
  },
  {
    load: loadCars,
    rows: 392,
    inSource: 406,
    features: [
      'Miles_per_Gallon',
      'Cylinders',
      'Displacement',
      'Horsepower',
      'Weight_in_lbs',
      'Acceleration',
    ],
    classes: ['USA', 'Europe', 'Japan'],
    counts: [245, 68, 79],
    range: ['Cylinders', 3, 8] as const,
    policy: /dropped 14 of 406 rows .*Miles_per_Gallon missing in 8, Horsepower missing in 6/,
    license: /educational and scientific purposes/,
  },
  {
    load: loadIris,
    rows: 150,
    inSource: 150,
    features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'],
    classes: ['setosa', 'versicolor', 'virginica'],
    counts: [50, 50, 50],
    range: ['petal_length_cm', 1, 6.9] as const,
    policy: /no rows dropped/,
    license: /MIT.*CC BY 4\.0/,
  },
])('$load.name', (c) => {
  const ds = c.load();

  it('has the documented shape, features and classes', () => {
    expect(ds.shape).toEqual([c.rows, c.features.length]);
    expect(ds.features).toBeInstanceOf(Float32Array);
    expect(ds.features.length).toBe(c.rows * c.features.length);
    expect(ds.featureNames).toEqual(c.features);
    expect(ds.classNames).toEqual(c.classes);
    expect(classCounts(ds)).toEqual(c.counts);
  });

  it('reports the rows dropped for missing values', () => {
    expect(ds.missing.rowsInSource).toBe(c.inSource);
    expect(ds.missing.rowsDropped).toBe(c.inSource - c.rows);
    expect(ds.missing.policy).toMatch(c.policy);
  });

  it('has finite values in the known range and a source and license', () => {
    expect(ds.features.every(Number.isFinite)).toBe(true);
    expect(columnRange(ds, c.range[0])).toEqual([Math.fround(c.range[1]), Math.fround(c.range[2])]);
    expect(ds.license).toMatch(c.license);
    expect(ds.source).toMatch(/npm /);
    expect(ds.description.length).toBeGreaterThan(40);
  });

  it('returns fresh, equal data on each call', () => {
    const again = c.load();
    expect(again.features).toEqual(ds.features);
    expect(again.features === ds.features).toBe(false);
  });
});
