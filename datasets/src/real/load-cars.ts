/** `loadCars`: the 1970–82 cars table (vega-datasets `data/cars.json`), 6 specifications → origin. */
import type { Dataset } from '../types.js';
import { readPackageJson } from './package-file.js';
import { tableFromRecords } from './table-from-records.js';

const FILE = 'data/cars.json';
const FEATURES = [
  'Miles_per_Gallon',
  'Cylinders',
  'Displacement',
  'Horsepower',
  'Weight_in_lbs',
  'Acceleration',
] as const;

/**
 * Cars of model years 1970–1982 (the StatLib "auto-mpg" data): 406 rows in the source, 392 after dropping the
 * 14 with a missing Miles_per_Gallon (8) or Horsepower (6). Features Miles_per_Gallon, Cylinders, Displacement,
 * Horsepower, Weight_in_lbs, Acceleration; target Origin with classes USA (245), Europe (68), Japan (79).
 * @example const ds = loadCars(); ds.classNames // ['USA', 'Europe', 'Japan']
 */
export function loadCars(): Dataset {
  const records = readPackageJson('vega-datasets', FILE, 'loadCars');
  return tableFromRecords(
    records,
    {
      fn: 'loadCars',
      pkg: 'vega-datasets',
      file: FILE,
      features: FEATURES.map((name) => ({ name, key: name })),
      targetKey: 'Origin',
      targetName: 'Origin',
      classNames: ['USA', 'Europe', 'Japan'],
    },
    {
      name: 'cars',
      description:
        'Car models of 1970–1982 (StatLib auto-mpg): fuel economy, cylinders, displacement, horsepower, weight ' +
        'and acceleration predict where the car was made (USA, Europe, Japan). Name and Year are not used.',
      source: 'npm vega-datasets@3.2.1, data/cars.json (from the StatLib Datasets Archive, CMU)',
      license:
        'no formal license: StatLib says it "was distributed in 1982 for educational and scientific purposes" ' +
        '(per vega-datasets datapackage.json); vega-datasets package BSD-3-Clause',
    },
  );
}
