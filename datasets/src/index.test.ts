import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@openbox/datasets public API', () => {
  it('exports exactly the documented values', () => {
    expect(Object.keys(api).sort()).toEqual([
      'BT601_LUMA',
      'DATASET_ERROR_CODES',
      'DEFAULT_MAX_BYTES',
      'DEFAULT_MAX_PIXELS',
      'DatasetError',
      'IMAGENET_MEAN',
      'IMAGENET_STD',
      'IMAGE_FITS',
      'IMAGE_FOLDER_DEFAULTS',
      'IMAGE_SCALES',
      'applyStandardization',
      'decodeImage',
      'describeChannels',
      'describeScale',
      'encodeImage',
      'isImageScale',
      'loadCars',
      'loadCsv',
      'loadFeatureCsv',
      'loadIris',
      'loadMnist',
      'loadPenguins',
      'makeLogisticData',
      'makePatternImages',
      'makeXorData',
      'parseCsv',
      'parseFeatureCsv',
      'readImageFolder',
      'resizeImage',
      'scalePixels',
      'splitDataset',
      'standardize',
      'toChannels',
      'unscalePixels',
      'writeImageFolder',
    ]);
  });

  it('every loader and generator returns a consistent Dataset', () => {
    const sets = [
      api.loadPenguins(),
      api.loadCars(),
      api.loadIris(),
      api.parseCsv('a,b,y\n1,2,u\n3,5,v\n', { target: 'y' }),
      api.makeLogisticData({ n: 10, weights: [1, 2, 3], intercept: 0, seed: 0 }),
      api.makeXorData({ n: 10, seed: 0 }),
      api.makePatternImages({ n: 10, size: 5, seed: 0 }),
    ];
    for (const ds of sets) {
      const rows = ds.shape[0]!;
      expect(ds.features.length).toBe(ds.shape.reduce((a, b) => a * b, 1));
      expect(ds.target.length).toBe(rows);
      expect(ds.target.every((t) => t >= 0 && t < ds.classNames.length)).toBe(true);
      if (ds.shape.length === 2) expect(ds.featureNames.length).toBe(ds.shape[1]);
      expect(ds.missing.rowsInSource - ds.missing.rowsDropped).toBe(rows);
      expect([ds.name, ds.description, ds.source, ds.license, ds.targetName].every((s) => s.length > 0)).toBe(
        true,
      );
    }
  });
});
