/** `loadPenguins`: the Palmer penguins (vega-datasets `data/penguins.json`), 4 measurements → species. */
import type { Dataset } from '../types.js';
import { readPackageJson } from './package-file.js';
import { tableFromRecords } from './table-from-records.js';

const FILE = 'data/penguins.json';

/**
 * Palmer Archipelago penguins: 344 rows in the source, 342 after dropping the 2 rows with no measurements.
 * Features (renamed to palmerpenguins' names) bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g
 * from "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"; target species with
 * classes Adelie (151), Chinstrap (68), Gentoo (123). Island and sex are not used. Data CC0 1.0.
 * @example const ds = loadPenguins(); ds.shape // [342, 4]
 */
export function loadPenguins(): Dataset {
  const records = readPackageJson('vega-datasets', FILE, 'loadPenguins');
  return tableFromRecords(
    records,
    {
      fn: 'loadPenguins',
      pkg: 'vega-datasets',
      file: FILE,
      features: [
        { name: 'bill_length_mm', key: 'Beak Length (mm)' },
        { name: 'bill_depth_mm', key: 'Beak Depth (mm)' },
        { name: 'flipper_length_mm', key: 'Flipper Length (mm)' },
        { name: 'body_mass_g', key: 'Body Mass (g)' },
      ],
      targetKey: 'Species',
      targetName: 'species',
      classNames: ['Adelie', 'Chinstrap', 'Gentoo'],
    },
    {
      name: 'penguins',
      description:
        'Palmer Archipelago (Antarctica) penguins measured by Dr. Kristen Gorman and the Palmer Station LTER, ' +
        '2007–2009: bill length and depth, flipper length and body mass predict the species (Adelie, Chinstrap, ' +
        'Gentoo). Source columns "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)" ' +
        'are renamed to the palmerpenguins names.',
      source: 'npm vega-datasets@3.2.1, data/penguins.json (from allisonhorst/palmerpenguins)',
      license: 'CC0 1.0 (data, per vega-datasets datapackage.json); vega-datasets package BSD-3-Clause',
    },
  );
}
